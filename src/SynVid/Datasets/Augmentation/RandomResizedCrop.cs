namespace SynVid.Datasets.Augmentation;

/// <summary>
/// The reference's random resized crop parameters (docs/reference-behaviour.md §5.3): target area ~ U(scale)·H·W, log-uniform aspect
/// in <paramref name="MinRatio"/>..<paramref name="MaxRatio"/>, w = round(√(area·aspect)), h = round(√(area/aspect)),
/// up to 10 tries, then a centre crop clamped to the aspect range. One box for every frame of a clip.
/// </summary>
/// <param name="MinScale">Smallest area fraction (0.08).</param>
/// <param name="MaxScale">Largest area fraction (1).</param>
/// <param name="MinRatio">Smallest aspect w/h (3/4).</param>
/// <param name="MaxRatio">Largest aspect w/h (4/3).</param>
/// <param name="Tries">Attempts before the fallback (10).</param>
public sealed record RandomResizedCrop(double MinScale = 0.08, double MaxScale = 1.0, double MinRatio = 0.75, double MaxRatio = 4.0 / 3.0, int Tries = 10)
{
    /// <summary>Draws a crop box of a width × height frame.</summary>
    public CropBox Sample(int width, int height, Random rng)
    {
        var area = (double)height * width;
        double logLo = Math.Log(MinRatio), logHi = Math.Log(MaxRatio);
        for (var i = 0; i < Tries; i++)
        {
            var target = (MinScale + (MaxScale - MinScale) * rng.NextDouble()) * area;
            var aspect = Math.Exp(logLo + (logHi - logLo) * rng.NextDouble());
            var w = (int)Math.Round(Math.Sqrt(target * aspect), MidpointRounding.ToEven);
            var h = (int)Math.Round(Math.Sqrt(target / aspect), MidpointRounding.ToEven);
            if (w > 0 && w <= width && h > 0 && h <= height)
            {
                var top = rng.Next(0, height - h + 1);
                var left = rng.Next(0, width - w + 1);
                return new CropBox(left, top, w, h);
            }
        }
        return Fallback(width, height);
    }

    /// <summary>The centre crop used when every try fails.</summary>
    public CropBox Fallback(int width, int height)
    {
        var inRatio = (double)width / height;
        int w, h;
        if (inRatio < Math.Min(MinRatio, MaxRatio))
        {
            w = width;
            h = (int)Math.Round(w / Math.Min(MinRatio, MaxRatio), MidpointRounding.ToEven);
        }
        else if (inRatio > Math.Max(MinRatio, MaxRatio))
        {
            h = height;
            w = (int)Math.Round(h * Math.Max(MinRatio, MaxRatio), MidpointRounding.ToEven);
        }
        else
        {
            w = width;
            h = height;
        }
        return new CropBox((width - w) / 2, (height - h) / 2, w, h);
    }
}
