using System.Runtime.InteropServices;
using SkiaSharp;
using SynVid.Serialization;

namespace SynVid.Video;

/// <summary>Lossless PNG files of <see cref="RgbImage"/>s (8-bit RGB, no alpha), via SkiaSharp.</summary>
public static class PngFile
{
    /// <summary>
    /// Writes <paramref name="image"/> as an 8-bit RGB PNG. The file appears complete or not at all: it is written under a
    /// temporary name in the same folder and renamed; an existing file is replaced.
    /// </summary>
    public static void Write(string path, RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(image);
        var bytes = Encode(image);
        var fullPath = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(fullPath)!;
        if (!Directory.Exists(folder))
        {
            throw new UserInputException($"PNG {path}: folder {folder} does not exist");
        }
        try
        {
            AtomicFile.WriteAllBytes(fullPath, bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"PNG {path}: cannot write it: {e.Message}", e);
        }
    }

    /// <summary>The PNG file's bytes for <paramref name="image"/>.</summary>
    public static byte[] Encode(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var rgba = SkiaImages.ToRgba(image);
        var info = new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        var handle = GCHandle.Alloc(rgba, GCHandleType.Pinned);
        try
        {
            using var pixmap = new SKPixmap(info, handle.AddrOfPinnedObject(), info.RowBytes);
            using var data = pixmap.Encode(SKEncodedImageFormat.Png, 100)
                ?? throw new InvalidOperationException($"PNG encoding of a {image.Width}×{image.Height} image failed");
            return data.ToArray();
        }
        finally
        {
            handle.Free();
        }
    }

    /// <summary>Reads a PNG (or any image SkiaSharp decodes) as RGB; alpha is dropped.</summary>
    public static RgbImage Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new UserInputException($"image file not found: {path}");
        }
        return SkiaImages.TryDecode(path, allowIncomplete: false, out var error) ?? throw new UserInputException($"image {path}: {error}");
    }
}
