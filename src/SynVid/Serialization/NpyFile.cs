using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using static TorchSharp.torch;

namespace SynVid.Serialization;

/// <summary>
/// NumPy <c>.npy</c> files (format versions 1–3, C order, little-endian): float32, float64, bool, uint8, int32, int64.
/// Enough for exchanging clips, masks and outputs with Python.
/// </summary>
public static partial class NpyFile
{
    private static readonly byte[] _magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    private static readonly (string Descr, ScalarType Type, int Size)[] _types =
    [
        ("<f4", ScalarType.Float32, 4),
        ("<f8", ScalarType.Float64, 8),
        ("|b1", ScalarType.Bool, 1),
        ("|u1", ScalarType.Byte, 1),
        ("<i4", ScalarType.Int32, 4),
        ("<i8", ScalarType.Int64, 8),
    ];

    /// <summary>Reads <paramref name="path"/> into a CPU tensor; throws a <see cref="UserInputException"/> naming the file on bad input.</summary>
    public static Tensor Read(string path)
    {
        if (!File.Exists(path))
        {
            // in the CLI's words rather than the file system's exception text
            throw new UserInputException(Directory.Exists(path) ? $"{path} is a folder, not an .npy file" : $"{path}: no such file");
        }
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"{path}: cannot read ({e.Message})", e);
        }
        return Parse(bytes, path);
    }

    /// <summary>Parses the bytes of an .npy file; <paramref name="name"/> is used in error messages.</summary>
    /// <summary>Checks the magic, version and header of an .npy file: its dtype string, shape and data offset (C order only).</summary>
    internal static (string Descr, long[] Shape, int DataStart) ParseHeader(ReadOnlySpan<byte> bytes, string name)
    {
        if (bytes.Length < 10 || !bytes[..6].SequenceEqual(_magic))
        {
            throw new UserInputException($"{name}: not a .npy file (missing the \\x93NUMPY magic)");
        }
        var major = bytes[6];
        int headerLength, headerStart;
        if (major == 1)
        {
            headerLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes[8..]);
            headerStart = 10;
        }
        else if (major is 2 or 3)
        {
            if (bytes.Length < 12)
            {
                throw new UserInputException($"{name}: truncated .npy header");
            }
            headerLength = checked((int)BinaryPrimitives.ReadUInt32LittleEndian(bytes[8..]));
            headerStart = 12;
        }
        else
        {
            throw new UserInputException($"{name}: unsupported .npy format version {major}");
        }
        if (bytes.Length < headerStart + headerLength)
        {
            throw new UserInputException($"{name}: truncated .npy header");
        }
        var header = Encoding.UTF8.GetString(bytes.Slice(headerStart, headerLength));
        var descr = DescrPattern().Match(header);
        var fortran = FortranPattern().Match(header);
        var shapeMatch = ShapePattern().Match(header);
        if (!descr.Success || !fortran.Success || !shapeMatch.Success)
        {
            throw new UserInputException($"{name}: unreadable .npy header '{header.Trim()}'");
        }
        if (fortran.Groups[1].Value == "True")
        {
            throw new UserInputException($"{name}: Fortran-order arrays are not supported; save with np.ascontiguousarray");
        }
        var shape = shapeMatch.Groups[1].Value
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(v => long.Parse(v.TrimEnd('L'), CultureInfo.InvariantCulture))
            .ToArray();
        return (descr.Groups[1].Value, shape, headerStart + headerLength);
    }

    public static Tensor Parse(ReadOnlySpan<byte> bytes, string name)
    {
        var (descr, shape, dataStart) = ParseHeader(bytes, name);
        var type = _types.FirstOrDefault(t => t.Descr == descr);
        if (type.Descr is null)
        {
            throw new UserInputException(
                $"{name}: dtype '{descr}' is not supported; use one of {string.Join(", ", _types.Select(t => t.Descr))}");
        }
        var count = shape.Aggregate(1L, (a, b) => checked(a * b));
        var expected = checked(count * type.Size);
        if (bytes.Length - dataStart != expected)
        {
            throw new UserInputException(
                $"{name}: expected {expected} data bytes for shape ({string.Join(", ", shape)}) {type.Descr}, found {bytes.Length - dataStart}");
        }
        var result = empty(shape, type.Type);
        result.bytes = bytes.Slice(dataStart, (int)expected).ToArray();
        return result;
    }

    /// <summary>Writes a tensor (any device; float32, float64, bool, uint8, int32 or int64) atomically as a version 1.0 .npy.</summary>
    public static void Write(string path, Tensor tensor) => Write(path, tensor, int.MaxValue);

    /// <summary>
    /// <see cref="Write(string, Tensor)"/>, writing the data in slices along the first dimension of at most
    /// <paramref name="maxChunkBytes"/> each where the whole is larger (a tensor's byte span holds at most 2³¹ − 1
    /// elements, so a larger batch export would fail otherwise).
    /// </summary>
    public static void Write(string path, Tensor tensor, long maxChunkBytes)
    {
        var type = _types.FirstOrDefault(t => t.Type == tensor.dtype);
        if (type.Descr is null)
        {
            throw new UserInputException($"{path}: cannot write dtype {tensor.dtype} as .npy");
        }
        using var cpu = tensor.detach().cpu().contiguous();
        var header = EncodeHeader(type.Descr, cpu.shape);
        AtomicFile.Write(path, stream =>
        {
            stream.Write(header);
            WriteData(stream, cpu, maxChunkBytes);
        });
    }

    private static void WriteData(Stream stream, Tensor contiguous, long maxChunkBytes)
    {
        if (contiguous.dim() == 0 || contiguous.NumberOfElements * contiguous.ElementSize <= maxChunkBytes)
        {
            stream.Write(contiguous.bytes);
            return;
        }
        for (long i = 0; i < contiguous.shape[0]; i++)
        {
            using var slice = contiguous[i];
            WriteData(stream, slice, maxChunkBytes);
        }
    }

    /// <summary>
    /// The bytes before the data of a version 1.0 .npy file: magic, version, header length and the header dictionary,
    /// padded with spaces and a newline so the data starts on a 64-byte boundary, as NumPy writes it.
    /// </summary>
    internal static byte[] EncodeHeader(string descr, IReadOnlyList<long> shape)
    {
        var shapeText = shape.Count switch
        {
            0 => "()",
            1 => string.Create(CultureInfo.InvariantCulture, $"({shape[0]},)"),
            _ => $"({string.Join(", ", shape.Select(d => d.ToString(CultureInfo.InvariantCulture)))})",
        };
        var dict = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': {shapeText}, }}";
        var total = 10 + dict.Length + 1;
        var header = Encoding.ASCII.GetBytes(dict + new string(' ', (64 - total % 64) % 64) + "\n");
        var bytes = new byte[10 + header.Length];
        _magic.CopyTo(bytes, 0);
        bytes[6] = 1;
        bytes[7] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), checked((ushort)header.Length));
        header.CopyTo(bytes, 10);
        return bytes;
    }

    [GeneratedRegex(@"'descr'\s*:\s*'([^']+)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex FortranPattern();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
