using SkiaSharp;
using SynVid.Video;

namespace SynVid.Textures;

/// <summary>PNG reading and atomic writing of <see cref="RgbImage"/> textures (SkiaSharp).</summary>
public static class TexturePng
{
    /// <summary>Writes <paramref name="image"/> to <paramref name="path"/> via a temporary file and a rename, so a
    /// reader never sees a half-written PNG.</summary>
    public static void Write(RgbImage image, string path)
    {
        var info = new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using var bitmap = new SKBitmap(info);
        var rgba = new byte[image.Width * image.Height * 4];
        var src = image.Pixels;
        for (int p = 0, q = 0; p < src.Length; p += 3, q += 4)
        {
            rgba[q] = src[p];
            rgba[q + 1] = src[p + 1];
            rgba[q + 2] = src[p + 2];
            rgba[q + 3] = 255;
        }
        System.Runtime.InteropServices.Marshal.Copy(rgba, 0, bitmap.GetPixels(), rgba.Length);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100)
            ?? throw new IOException($"could not encode PNG for {path}");
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Environment.CurrentManagedThreadId}.tmp");
        try
        {
            using (var stream = File.Create(temp))
            {
                data.SaveTo(stream);
            }
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>Reads a PNG (or any format SkiaSharp decodes) as 8-bit RGB; a <see cref="UserInputException"/> names an unreadable file.</summary>
    public static RgbImage Read(string path)
    {
        using var decoded = SKBitmap.Decode(path);
        if (decoded is null)
        {
            throw new UserInputException($"{path}: not a readable image");
        }
        using var rgba = decoded.Copy(SKColorType.Rgba8888) ?? throw new UserInputException($"{path}: unsupported pixel format");
        var bytes = rgba.Bytes;
        var pixels = new byte[rgba.Width * rgba.Height * 3];
        var rowBytes = rgba.RowBytes;
        for (var y = 0; y < rgba.Height; y++)
        {
            for (var x = 0; x < rgba.Width; x++)
            {
                var s = y * rowBytes + x * 4;
                var d = (y * rgba.Width + x) * 3;
                pixels[d] = bytes[s];
                pixels[d + 1] = bytes[s + 1];
                pixels[d + 2] = bytes[s + 2];
            }
        }
        return new RgbImage(rgba.Width, rgba.Height, pixels);
    }
}
