using SynVid.Video;

namespace SynVid.Tests.Video;

/// <summary>Synthetic frames for video tests.</summary>
internal static class TestFrames
{
    /// <summary>
    /// A smooth moving pattern (low-frequency sinusoids per channel, phase shifting with <paramref name="t"/>): easy to
    /// compress, so lossy codecs reach a high PSNR on it.
    /// </summary>
    public static RgbImage Smooth(int width, int height, int t)
    {
        var image = new RgbImage(width, height);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var o = image.Offset(x, y);
                image.Pixels[o] = (byte)(127.5 + 100 * Math.Sin((x + 2 * t) * 2 * Math.PI / width));
                image.Pixels[o + 1] = (byte)(127.5 + 100 * Math.Cos((y + t) * 2 * Math.PI / height));
                image.Pixels[o + 2] = (byte)(127.5 + 100 * Math.Sin((x + y + 3 * t) * Math.PI / (width + height)));
            }
        }
        return image;
    }

    /// <summary>
    /// Pseudo-random bytes (seeded by <paramref name="t"/>): every pixel differs between frames, so a frame mix-up or an
    /// inexact round trip cannot go unnoticed.
    /// </summary>
    public static RgbImage Noise(int width, int height, int t)
    {
        var image = new RgbImage(width, height);
        new Random(1000 + t).NextBytes(image.Pixels);
        return image;
    }

    /// <summary>Peak signal-to-noise ratio in dB between two equally sized images.</summary>
    public static double Psnr(RgbImage a, RgbImage b)
    {
        Assert.Equal((a.Width, a.Height), (b.Width, b.Height));
        double sum = 0;
        for (var i = 0; i < a.Pixels.Length; i++)
        {
            double d = a.Pixels[i] - b.Pixels[i];
            sum += d * d;
        }
        var mse = sum / a.Pixels.Length;
        return mse == 0 ? double.PositiveInfinity : 10 * Math.Log10(255.0 * 255.0 / mse);
    }

    /// <summary>Writes frames with <see cref="VideoWriter"/>.</summary>
    public static void WriteVideo(string path, IReadOnlyList<RgbImage> frames, double fps, VideoWriterSettings settings)
    {
        using var writer = VideoWriter.Create(path, frames[0].Width, frames[0].Height, fps, settings);
        foreach (var frame in frames)
        {
            writer.Write(frame);
        }
        writer.Complete();
    }
}
