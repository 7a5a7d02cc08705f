using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace SynVid.Video;

/// <summary>
/// A cheap completeness check of an MP4 file without decoding it: its top-level boxes must fill the file exactly (a
/// truncated or partly copied file ends inside a box), it needs a <c>moov</c> and an <c>mdat</c>, and the video
/// track's sample table must hold the expected number of frames. Reads only box headers and the <c>moov</c> box, so
/// a resumed dataset generation can check thousands of finished videos in moments.
/// </summary>
public static class Mp4Check
{
    /// <summary>Null when <paramref name="path"/> is a whole MP4 whose video track has <paramref name="expectedFrames"/> frames; otherwise why not.</summary>
    public static string? Problem(string path, int expectedFrames)
    {
        try
        {
            using var file = File.OpenRead(path);
            var length = file.Length;
            if (length == 0)
            {
                return "empty file";
            }
            byte[]? moov = null;
            var hasData = false;
            var offset = 0L;
            Span<byte> header = stackalloc byte[16];
            while (offset < length)
            {
                file.Position = offset;
                if (file.ReadAtLeast(header[..8], 8, throwOnEndOfStream: false) < 8)
                {
                    return string.Create(CultureInfo.InvariantCulture, $"the file ends inside a box header at byte {offset}");
                }
                var size = (long)BinaryPrimitives.ReadUInt32BigEndian(header);
                var type = Encoding.ASCII.GetString(header[4..8]);
                var headerSize = 8;
                if (size == 1)
                {
                    if (file.ReadAtLeast(header[8..16], 8, throwOnEndOfStream: false) < 8)
                    {
                        return $"the file ends inside the header of its '{type}' box";
                    }
                    size = (long)BinaryPrimitives.ReadUInt64BigEndian(header[8..16]);
                    headerSize = 16;
                }
                else if (size == 0)
                {
                    size = length - offset;
                }
                if (size < headerSize)
                {
                    return $"its '{type}' box has an impossible size";
                }
                if (offset + size > length)
                {
                    return $"truncated: the file ends inside its '{type}' box";
                }
                if (type == "moov")
                {
                    moov = new byte[size - headerSize];
                    file.ReadExactly(moov);
                }
                hasData |= type == "mdat";
                offset += size;
            }
            if (moov is null || !hasData)
            {
                return moov is null ? "no 'moov' box (not a complete MP4)" : "no 'mdat' box (no video data)";
            }
            var frames = VideoSampleCount(moov);
            if (frames is null)
            {
                return "no video track";
            }
            return frames == expectedFrames ? null : string.Create(CultureInfo.InvariantCulture, $"{frames} frames instead of {expectedFrames}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return e.Message;
        }
    }

    // The sample count of the first 'vide' track: moov/trak/mdia/{hdlr, minf/stbl/stsz|stz2}.
    private static long? VideoSampleCount(ReadOnlySpan<byte> moov)
    {
        foreach (var (type, trak) in Children(moov))
        {
            if (type != "trak" || Child(trak, "mdia") is not { } mdiaRange)
            {
                continue;
            }
            var mdia = trak[mdiaRange];
            if (Child(mdia, "hdlr") is not { } hdlrRange || mdia[hdlrRange].Length < 12 || Encoding.ASCII.GetString(mdia[hdlrRange][8..12]) != "vide")
            {
                continue;
            }
            if (Child(mdia, "minf") is not { } minfRange || Child(mdia[minfRange], "stbl") is not { } stblRange)
            {
                return null;
            }
            var stbl = mdia[minfRange][stblRange];
            if (Child(stbl, "stsz") is { } stsz && stbl[stsz].Length >= 12)
            {
                return BinaryPrimitives.ReadUInt32BigEndian(stbl[stsz][8..12]);
            }
            if (Child(stbl, "stz2") is { } stz2 && stbl[stz2].Length >= 12)
            {
                return BinaryPrimitives.ReadUInt32BigEndian(stbl[stz2][8..12]);
            }
            return null;
        }
        return null;
    }

    private static Range? Child(ReadOnlySpan<byte> parent, string wanted)
    {
        foreach (var (type, range) in ChildRanges(parent))
        {
            if (type == wanted)
            {
                return range;
            }
        }
        return null;
    }

    private static IEnumerable<(string Type, byte[] Body)> Children(ReadOnlySpan<byte> parent)
    {
        var list = new List<(string, byte[])>();
        foreach (var (type, range) in ChildRanges(parent))
        {
            list.Add((type, parent[range].ToArray()));
        }
        return list;
    }

    // The (type, body range) of each box in a container's body; stops at the first malformed header.
    private static List<(string Type, Range Body)> ChildRanges(ReadOnlySpan<byte> parent)
    {
        var result = new List<(string, Range)>();
        var offset = 0;
        while (offset + 8 <= parent.Length)
        {
            var size = (long)BinaryPrimitives.ReadUInt32BigEndian(parent[offset..]);
            var type = Encoding.ASCII.GetString(parent[(offset + 4)..(offset + 8)]);
            var headerSize = 8;
            if (size == 1 && offset + 16 <= parent.Length)
            {
                size = (long)BinaryPrimitives.ReadUInt64BigEndian(parent[(offset + 8)..]);
                headerSize = 16;
            }
            else if (size == 0)
            {
                size = parent.Length - offset;
            }
            if (size < headerSize || offset + size > parent.Length)
            {
                break;
            }
            result.Add((type, new Range(offset + headerSize, (int)(offset + size))));
            offset += (int)size;
        }
        return result;
    }
}
