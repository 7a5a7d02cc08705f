using SkiaSharp;

namespace SynVid.Datasets.SynAction;

/// <summary>Random colours in HSV, so saturation and brightness can be bounded.</summary>
public static class Palette
{
    /// <summary>A colour with uniform hue, saturation in [minSaturation, 1] and value in [minValue, maxValue].</summary>
    public static SKColor RandomColor(Random rng, double minSaturation = 0.2, double minValue = 0.2, double maxValue = 1.0)
    {
        var h = 360 * rng.NextDouble();
        var s = minSaturation + (1 - minSaturation) * rng.NextDouble();
        var v = minValue + (maxValue - minValue) * rng.NextDouble();
        return SKColor.FromHsv((float)h, (float)(100 * s), (float)(100 * v));
    }

    /// <summary>A colour scaled towards black by <paramref name="factor"/> (1 = unchanged).</summary>
    public static SKColor Shade(SKColor c, double factor) =>
        new((byte)(c.Red * factor), (byte)(c.Green * factor), (byte)(c.Blue * factor), c.Alpha);
}
