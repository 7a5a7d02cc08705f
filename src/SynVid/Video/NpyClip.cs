using System.Globalization;
using SynVid.Serialization;

namespace SynVid.Video;

/// <summary>
/// Reads and writes video clips as NumPy <c>.npy</c> files holding a C-order uint8 array of shape
/// (T, H, W, 3): T RGB frames of H rows and W columns. This is the clip format of the UCF101-P fixtures and of
/// <c>synvid perturb</c>. Only uint8 clips are handled here.
/// </summary>
public static class NpyClip
{
    /// <summary>Reads every frame of a (T, H, W, 3) uint8 <c>.npy</c> file.</summary>
    /// <exception cref="UserInputException">The file is missing, not an .npy file, or not a uint8 (T, H, W, 3) array.</exception>
    public static RgbImage[] Read(string path)
    {
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

    /// <summary>Parses the bytes of a (T, H, W, 3) uint8 <c>.npy</c> file; <paramref name="name"/> is used in errors.</summary>
    public static RgbImage[] Parse(ReadOnlySpan<byte> bytes, string name)
    {
        var (descr, shape, dataStart) = NpyFile.ParseHeader(bytes, name);
        if (descr is not ("|u1" or "<u1" or ">u1" or "=u1" or "u1"))
        {
            throw new UserInputException($"{name}: expected a uint8 array, the file holds dtype '{descr}'");
        }
        if (shape.Length != 4 || shape[3] != 3 || shape[0] < 1 || shape[1] < 1 || shape[2] < 1)
        {
            throw new UserInputException(
                $"{name}: expected shape (T, H, W, 3) with T, H, W ≥ 1, got ({string.Join(", ", shape)})");
        }
        var frames = checked((int)shape[0]);
        var height = checked((int)shape[1]);
        var width = checked((int)shape[2]);
        var frameBytes = checked(height * width * 3);
        if (bytes.Length - dataStart < (long)frames * frameBytes)
        {
            throw new UserInputException(
                $"{name}: data holds {bytes.Length - dataStart} bytes, shape ({frames}, {height}, {width}, 3) needs {(long)frames * frameBytes}");
        }
        var result = new RgbImage[frames];
        for (var t = 0; t < frames; t++)
        {
            result[t] = new RgbImage(width, height, bytes.Slice(dataStart + t * frameBytes, frameBytes).ToArray());
        }
        return result;
    }

    /// <summary>
    /// Writes frames (all the same size) as a (T, H, W, 3) uint8 <c>.npy</c> file (format 1.0). The file is written
    /// under a temporary name and renamed, so a partial file never carries the final name.
    /// </summary>
    public static void Write(string path, IReadOnlyList<RgbImage> frames)
    {
        var bytes = Encode(frames);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        AtomicFile.WriteAllBytes(path, bytes);
    }

    /// <summary>The bytes of a (T, H, W, 3) uint8 <c>.npy</c> file holding <paramref name="frames"/>.</summary>
    public static byte[] Encode(IReadOnlyList<RgbImage> frames)
    {
        ArgumentNullException.ThrowIfNull(frames);
        if (frames.Count == 0)
        {
            throw new ArgumentException("a clip needs at least one frame", nameof(frames));
        }
        int width = frames[0].Width, height = frames[0].Height;
        if (frames.Any(f => f.Width != width || f.Height != height))
        {
            throw new ArgumentException("all frames of a clip must have the same size", nameof(frames));
        }
        var header = NpyFile.EncodeHeader("|u1", [frames.Count, height, width, 3]);
        var padded = header.Length;
        var frameBytes = width * height * 3;
        var bytes = new byte[padded + (long)frames.Count * frameBytes];
        header.CopyTo(bytes, 0);
        for (var t = 0; t < frames.Count; t++)
        {
            frames[t].Pixels.CopyTo(bytes, padded + (long)t * frameBytes);
        }
        return bytes;
    }
}
