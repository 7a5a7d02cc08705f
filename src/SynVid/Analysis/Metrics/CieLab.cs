namespace SynVid.Analysis.Metrics;

/// <summary>
/// sRGB (8-bit, IEC 61966-2-1 transfer curve) → CIE 1976 L*a*b* with the D65 white point (Xn, Yn, Zn) =
/// (0.95047, 1, 1.08883) and the sRGB → XYZ matrix of IEC 61966-2-1.
/// </summary>
public static class CieLab
{
    private const double Xn = 0.95047, Yn = 1.0, Zn = 1.08883;
    private const double Delta = 6.0 / 29.0;

    /// <summary>Linear-light value of each 8-bit sRGB code.</summary>
    private static readonly double[] _linear = [.. Enumerable.Range(0, 256).Select(ToLinear)];

    /// <summary>L* (0..100), a*, b* of one sRGB colour.</summary>
    public static (double L, double A, double B) FromSrgb(byte r, byte g, byte b)
    {
        double lr = _linear[r], lg = _linear[g], lb = _linear[b];
        var x = (0.4124564 * lr) + (0.3575761 * lg) + (0.1804375 * lb);
        var y = (0.2126729 * lr) + (0.7151522 * lg) + (0.0721750 * lb);
        var z = (0.0193339 * lr) + (0.1191920 * lg) + (0.9503041 * lb);
        double fx = F(x / Xn), fy = F(y / Yn), fz = F(z / Zn);
        return ((116 * fy) - 16, 500 * (fx - fy), 200 * (fy - fz));
    }

    private static double ToLinear(int code)
    {
        var c = code / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
    }

    private static double F(double t) => t > Delta * Delta * Delta ? Math.Cbrt(t) : (t / (3 * Delta * Delta)) + (4.0 / 29.0);
}
