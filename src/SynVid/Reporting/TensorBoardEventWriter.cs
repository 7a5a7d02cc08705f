using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace SynVid.Reporting;

/// <summary>
/// Writes TensorBoard event files (scalars) without TensorFlow: TFRecord framing (length, masked CRC-32C of the
/// length, the serialized <c>Event</c> protobuf, masked CRC-32C of the data) around hand-encoded protobuf messages.
/// TensorBoard reads every <c>events.out.tfevents.*</c> file in a run folder, so each process appends its own file.
/// </summary>
public sealed class TensorBoardEventWriter : IDisposable
{
    private readonly FileStream _stream;

    /// <summary>Creates a new event file in <paramref name="directory"/> and writes the file-version header event.</summary>
    public TensorBoardEventWriter(string directory)
    {
        Directory.CreateDirectory(directory);
        var now = DateTimeOffset.UtcNow;
        // one process may open two writers on one folder within a second (a run and its resumption): number them
        var stem = System.IO.Path.Combine(directory, $"events.out.tfevents.{now.ToUnixTimeSeconds()}.synvid.{Environment.ProcessId}");
        for (var n = 0; ; n++)
        {
            var path = n == 0 ? stem : $"{stem}.{n}";
            try
            {
                _stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read);
                Path = path;
                break;
            }
            catch (IOException) when (File.Exists(path))
            {
                // taken: try the next number
            }
        }
        WriteRecord(EncodeEvent(WallTime(now), 0, fileVersion: "brain.Event:2", summary: null));
        _stream.Flush();
    }

    /// <summary>The event file's path.</summary>
    public string Path { get; }

    /// <summary>Appends scalar values for one step (one event) and flushes, so a live TensorBoard sees it.</summary>
    public void WriteScalars(long step, IReadOnlyList<(string Tag, float Value)> scalars)
    {
        using var summary = new MemoryStream();
        Span<byte> f = stackalloc byte[4];
        foreach (var (tag, value) in scalars)
        {
            using var v = new MemoryStream();
            WriteBytesField(v, 1, Encoding.UTF8.GetBytes(tag));
            WriteTag(v, 2, 5);
            BinaryPrimitives.WriteSingleLittleEndian(f, value);
            v.Write(f);
            WriteBytesField(summary, 1, v.ToArray());
        }
        WriteRecord(EncodeEvent(WallTime(DateTimeOffset.UtcNow), step, fileVersion: null, summary: summary.ToArray()));
        _stream.Flush();
    }

    /// <inheritdoc />
    public void Dispose() => _stream.Dispose();

    /// <summary>CRC-32C (Castagnoli) of a byte span, as TFRecord uses.</summary>
    public static uint Crc32C(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc = BitOperations.Crc32C(crc, b);
        }
        return ~crc;
    }

    /// <summary>TFRecord's masked CRC: rotate right by 15 and add a constant.</summary>
    public static uint MaskedCrc(ReadOnlySpan<byte> data)
    {
        var crc = Crc32C(data);
        return unchecked(((crc >> 15) | (crc << 17)) + 0xa282ead8u);
    }

    private static double WallTime(DateTimeOffset t) => t.ToUnixTimeMilliseconds() / 1000.0;

    private void WriteRecord(byte[] data)
    {
        Span<byte> header = stackalloc byte[12];
        BinaryPrimitives.WriteUInt64LittleEndian(header, (ulong)data.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], MaskedCrc(header[..8]));
        _stream.Write(header);
        _stream.Write(data);
        Span<byte> footer = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(footer, MaskedCrc(data));
        _stream.Write(footer);
    }

    // Event { double wall_time = 1; int64 step = 2; string file_version = 3; Summary summary = 5; }
    private static byte[] EncodeEvent(double wallTime, long step, string? fileVersion, byte[]? summary)
    {
        using var e = new MemoryStream();
        WriteTag(e, 1, 1);
        Span<byte> d = stackalloc byte[8];
        BinaryPrimitives.WriteDoubleLittleEndian(d, wallTime);
        e.Write(d);
        if (step != 0)
        {
            WriteTag(e, 2, 0);
            WriteVarint(e, (ulong)step);
        }
        if (fileVersion is not null)
        {
            WriteBytesField(e, 3, Encoding.UTF8.GetBytes(fileVersion));
        }
        if (summary is not null)
        {
            WriteBytesField(e, 5, summary);
        }
        return e.ToArray();
    }

    private static void WriteTag(Stream s, int field, int wireType) => WriteVarint(s, (ulong)((field << 3) | wireType));

    private static void WriteBytesField(Stream s, int field, byte[] bytes)
    {
        WriteTag(s, field, 2);
        WriteVarint(s, (ulong)bytes.Length);
        s.Write(bytes);
    }

    private static void WriteVarint(Stream s, ulong value)
    {
        while (value >= 0x80)
        {
            s.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }
        s.WriteByte((byte)value);
    }
}
