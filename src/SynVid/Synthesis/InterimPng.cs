using System.Runtime.InteropServices;
using SkiaSharp;
using SynVid.Video;

namespace SynVid.Synthesis;

/// <summary>PNG encoding of RGB frames through SkiaSharp (RGBA with opaque alpha), written to a temp name and renamed.</summary>
public static class InterimPng
{
    /// <summary>Writes <paramref name="image"/> to <paramref name="path"/> (temp name, then rename).</summary>
    public static void Write(string path, RgbImage image)
    {
        var rgba = new byte[image.Width * image.Height * 4];
        var src = image.Pixels;
        for (int i = 0, j = 0; i < src.Length; i += 3, j += 4)
        {
            rgba[j] = src[i];
            rgba[j + 1] = src[i + 1];
            rgba[j + 2] = src[i + 2];
            rgba[j + 3] = 255;
        }
        using var bitmap = new SKBitmap(new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        Marshal.Copy(rgba, 0, bitmap.GetPixels(), rgba.Length);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        var temp = path + ".tmp-" + Environment.ProcessId;
        using (var file = File.Create(temp))
        {
            data.SaveTo(file);
        }
        File.Move(temp, path, overwrite: true);
    }
}
