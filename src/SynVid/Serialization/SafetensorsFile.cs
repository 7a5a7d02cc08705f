using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using static TorchSharp.torch;

namespace SynVid.Serialization;

/// <summary>
/// The safetensors format: an 8-byte little-endian header length, a JSON header mapping each name to its dtype, shape
/// and [begin, end) byte range, then the raw little-endian tensor bytes.
/// </summary>
public static class SafetensorsFile
{
    private static readonly (string Name, ScalarType Type)[] _types =
    [
        ("F32", ScalarType.Float32),
        ("F16", ScalarType.Float16),
        ("BF16", ScalarType.BFloat16),
        ("F64", ScalarType.Float64),
        ("I64", ScalarType.Int64),
        ("I32", ScalarType.Int32),
        ("I16", ScalarType.Int16),
        ("I8", ScalarType.Int8),
        ("U8", ScalarType.Byte),
        ("BOOL", ScalarType.Bool),
    ];

    /// <summary>Reads every tensor of <paramref name="path"/> onto the CPU; the caller owns them.</summary>
    public static Dictionary<string, Tensor> Read(string path)
    {
        using var stream = File.OpenRead(path);
        Span<byte> lengthBytes = stackalloc byte[8];
        stream.ReadExactly(lengthBytes);
        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(lengthBytes);
        if (headerLength > 100_000_000 || (long)headerLength > stream.Length - 8)
        {
            throw new InvalidDataException($"header length {headerLength} does not fit the file");
        }
        var headerBytes = new byte[headerLength];
        stream.ReadExactly(headerBytes);
        var header = JsonNode.Parse(headerBytes) as JsonObject ?? throw new InvalidDataException("the header is not a JSON object");
        var dataStart = 8 + (long)headerLength;
        var result = new Dictionary<string, Tensor>();
        try
        {
            foreach (var (name, node) in header)
            {
                if (name == "__metadata__")
                {
                    continue;
                }
                var dtypeName = node?["dtype"]?.GetValue<string>() ?? throw new InvalidDataException($"'{name}' has no dtype");
                var type = _types.FirstOrDefault(t => t.Name == dtypeName);
                if (type.Name is null)
                {
                    throw new InvalidDataException($"'{name}' has unsupported dtype {dtypeName}");
                }
                var shape = node["shape"]!.AsArray().Select(s => s!.GetValue<long>()).ToArray();
                var offsets = node["data_offsets"]!.AsArray().Select(s => s!.GetValue<long>()).ToArray();
                var t = empty(shape, type.Type);
                var size = offsets[1] - offsets[0];
                if (offsets.Length != 2 || size != t.NumberOfElements * t.ElementSize || dataStart + offsets[1] > stream.Length)
                {
                    t.Dispose();
                    throw new InvalidDataException($"'{name}' has byte range [{string.Join(", ", offsets)}) that does not match its shape or the file");
                }
                var data = new byte[size];
                stream.Position = dataStart + offsets[0];
                stream.ReadExactly(data);
                t.bytes = data;
                result[name] = t;
            }
        }
        catch
        {
            foreach (var t in result.Values)
            {
                t.Dispose();
            }
            throw;
        }
        return result;
    }

    /// <summary>Writes <paramref name="tensors"/> (any device) to <paramref name="path"/> atomically, in the given order.</summary>
    public static void Write(string path, IEnumerable<KeyValuePair<string, Tensor>> tensors)
    {
        var header = new JsonObject();
        var blobs = new List<byte[]>();
        long offset = 0;
        foreach (var (name, tensor) in tensors)
        {
            var type = _types.FirstOrDefault(t => t.Type == tensor.dtype);
            if (type.Name is null)
            {
                throw new ArgumentException($"'{name}': dtype {tensor.dtype} cannot be written as safetensors");
            }
            using var cpu = tensor.detach().cpu().contiguous();
            var bytes = cpu.bytes.ToArray();
            header[name] = new JsonObject
            {
                ["dtype"] = type.Name,
                ["shape"] = new JsonArray([.. cpu.shape.Select(s => (JsonNode)JsonValue.Create(s))]),
                ["data_offsets"] = new JsonArray(JsonValue.Create(offset), JsonValue.Create(offset + bytes.Length)),
            };
            offset += bytes.Length;
            blobs.Add(bytes);
        }
        var json = Encoding.UTF8.GetBytes(header.ToJsonString());
        // Pad the header with spaces to 8 bytes so the data is aligned, as the reference writer does.
        var padded = (json.Length + 7) / 8 * 8;
        AtomicFile.Write(path, stream =>
        {
            Span<byte> lengthBytes = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(lengthBytes, (ulong)padded);
            stream.Write(lengthBytes);
            stream.Write(json);
            for (var i = json.Length; i < padded; i++)
            {
                stream.WriteByte((byte)' ');
            }
            foreach (var b in blobs)
            {
                stream.Write(b);
            }
        });
    }
}
