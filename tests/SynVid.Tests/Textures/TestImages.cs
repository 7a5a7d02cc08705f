using System.Runtime.InteropServices;
using SkiaSharp;
using SynVid.Video;

namespace SynVid.Tests.Textures;

/// <summary>Image files for texture tests.</summary>
internal static class TestImages
{
    /// <summary>A solid image of one colour.</summary>
    public static RgbImage Solid(int width, int height, byte r, byte g, byte b)
    {
        var image = new RgbImage(width, height);
        for (var i = 0; i < image.Pixels.Length; i += 3)
        {
            image.Pixels[i] = r;
            image.Pixels[i + 1] = g;
            image.Pixels[i + 2] = b;
        }
        return image;
    }

    /// <summary>Writes a file in a folder, creating subfolders.</summary>
    public static string WriteBytes(string folder, string relativePath, byte[] bytes)
    {
        var path = Path.Combine(folder, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>Encodes an image as JPEG (quality 95) with SkiaSharp.</summary>
    public static byte[] Jpeg(RgbImage image)
    {
        var rgba = new byte[image.Width * image.Height * 4];
        for (int i = 0, j = 0; i < image.Pixels.Length; i += 3, j += 4)
        {
            rgba[j] = image.Pixels[i];
            rgba[j + 1] = image.Pixels[i + 1];
            rgba[j + 2] = image.Pixels[i + 2];
            rgba[j + 3] = 255;
        }
        var info = new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        var handle = GCHandle.Alloc(rgba, GCHandleType.Pinned);
        try
        {
            using var pixmap = new SKPixmap(info, handle.AddrOfPinnedObject(), info.RowBytes);
            using var data = pixmap.Encode(SKEncodedImageFormat.Jpeg, 95) ?? throw new InvalidOperationException("JPEG encoding failed");
            return data.ToArray();
        }
        finally
        {
            handle.Free();
        }
    }

    /// <summary>
    /// Inserts an EXIF APP1 segment holding only an orientation tag right after the JPEG's start-of-image marker.
    /// </summary>
    public static byte[] WithExifOrientation(byte[] jpeg, ushort orientation)
    {
        byte[] tiff =
        [
            (byte)'M', (byte)'M', 0, 42, 0, 0, 0, 8, // big-endian TIFF header, first IFD at offset 8
            0, 1, // one entry
            0x01, 0x12, 0, 3, 0, 0, 0, 1, (byte)(orientation >> 8), (byte)orientation, 0, 0, // Orientation, SHORT, 1 value
            0, 0, 0, 0, // no next IFD
        ];
        byte[] exifHeader = [(byte)'E', (byte)'x', (byte)'i', (byte)'f', 0, 0];
        var length = 2 + exifHeader.Length + tiff.Length;
        byte[] segment = [0xFF, 0xE1, (byte)(length >> 8), (byte)length, .. exifHeader, .. tiff];
        return [.. jpeg[..2], .. segment, .. jpeg[2..]];
    }
}
