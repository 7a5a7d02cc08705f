using System.Runtime.InteropServices;
using SkiaSharp;

namespace SynVid.Video;

/// <summary>Conversions between <see cref="RgbImage"/> and SkiaSharp's RGBA pixel buffers, and file decoding.</summary>
internal static class SkiaImages
{
    /// <summary>
    /// Decodes an image file (JPEG, PNG, BMP, WebP, GIF's first frame) to RGB. EXIF orientation is applied and alpha is
    /// dropped without blending (both as OpenCV's imread). Embedded colour profiles are ignored: the stored values are
    /// returned. Returns null when the file cannot be decoded, with the reason.
    /// </summary>
    /// <param name="path">The image file.</param>
    /// <param name="allowIncomplete">Accept a truncated file, with the missing part filled by the decoder (as OpenCV, which
    /// only warns), instead of failing.</param>
    /// <param name="error">Why decoding failed; empty on success.</param>
    public static RgbImage? TryDecode(string path, bool allowIncomplete, out string error)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = e.Message;
            return null;
        }
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data);
        if (codec is null)
        {
            error = "not a decodable image";
            return null;
        }
        var source = codec.Info;
        if (source.Width < 1 || source.Height < 1)
        {
            error = "empty image";
            return null;
        }
        var info = new SKImageInfo(source.Width, source.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var rgba = new byte[info.BytesSize];
        var handle = GCHandle.Alloc(rgba, GCHandleType.Pinned);
        SKCodecResult result;
        try
        {
            result = codec.GetPixels(info, handle.AddrOfPinnedObject());
        }
        finally
        {
            handle.Free();
        }
        if (result != SKCodecResult.Success && !(allowIncomplete && result == SKCodecResult.IncompleteInput))
        {
            error = $"decoding failed ({result})";
            return null;
        }
        error = "";
        return Orient(FromRgba(rgba, info.Width, info.Height), codec.EncodedOrigin);
    }

    /// <summary>Whether SkiaSharp recognises the file's header as a decodable image (reads only the first bytes).</summary>
    public static bool HeaderDecodes(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var codec = SKCodec.Create(stream);
            return codec is not null && codec.Info.Width > 0 && codec.Info.Height > 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Drops the alpha channel of tightly packed RGBA pixels.</summary>
    public static RgbImage FromRgba(ReadOnlySpan<byte> rgba, int width, int height)
    {
        var pixels = new byte[checked(width * height * 3)];
        for (int i = 0, j = 0; i < pixels.Length; i += 3, j += 4)
        {
            pixels[i] = rgba[j];
            pixels[i + 1] = rgba[j + 1];
            pixels[i + 2] = rgba[j + 2];
        }
        return new RgbImage(width, height, pixels);
    }

    /// <summary>Tightly packed RGBA pixels with opaque alpha.</summary>
    public static byte[] ToRgba(RgbImage image)
    {
        var src = image.Pixels;
        var rgba = new byte[checked(image.Width * image.Height * 4)];
        for (int i = 0, j = 0; i < src.Length; i += 3, j += 4)
        {
            rgba[j] = src[i];
            rgba[j + 1] = src[i + 1];
            rgba[j + 2] = src[i + 2];
            rgba[j + 3] = 255;
        }
        return rgba;
    }

    /// <summary>Turns stored pixels into the upright image an EXIF origin describes.</summary>
    public static RgbImage Orient(RgbImage image, SKEncodedOrigin origin)
    {
        if (origin is SKEncodedOrigin.TopLeft or 0)
        {
            return image;
        }
        int w = image.Width, h = image.Height;
        var swaps = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var outW = swaps ? h : w;
        var outH = swaps ? w : h;
        var result = new RgbImage(outW, outH);
        var src = image.Pixels;
        var dst = result.Pixels;
        for (var y = 0; y < outH; y++)
        {
            for (var x = 0; x < outW; x++)
            {
                var (sx, sy) = origin switch
                {
                    SKEncodedOrigin.TopRight => (w - 1 - x, y),
                    SKEncodedOrigin.BottomRight => (w - 1 - x, h - 1 - y),
                    SKEncodedOrigin.BottomLeft => (x, h - 1 - y),
                    SKEncodedOrigin.LeftTop => (y, x),
                    SKEncodedOrigin.RightTop => (y, h - 1 - x),
                    SKEncodedOrigin.RightBottom => (w - 1 - y, h - 1 - x),
                    SKEncodedOrigin.LeftBottom => (w - 1 - y, x),
                    _ => (x, y),
                };
                var s = (sy * w + sx) * 3;
                var d = (y * outW + x) * 3;
                dst[d] = src[s];
                dst[d + 1] = src[s + 1];
                dst[d + 2] = src[s + 2];
            }
        }
        return result;
    }
}
