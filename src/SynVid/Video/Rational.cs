using System.Globalization;

namespace SynVid.Video;

/// <summary>An exact ratio such as a frame rate (30000/1001) or a stream's time base (1/12800).</summary>
/// <param name="Numerator">The numerator.</param>
/// <param name="Denominator">The denominator (positive for a valid value).</param>
public readonly record struct Rational(long Numerator, long Denominator)
{
    /// <summary>The value as a double (0 when the denominator is 0).</summary>
    public double Value => Denominator == 0 ? 0 : (double)Numerator / Denominator;

    /// <summary>Whether both parts are positive.</summary>
    public bool IsPositive => Numerator > 0 && Denominator > 0;

    /// <summary>The same ratio in lowest terms with a positive denominator.</summary>
    public Rational Reduced()
    {
        if (Denominator == 0)
        {
            return this;
        }
        var gcd = (long)System.Numerics.BigInteger.GreatestCommonDivisor(Numerator, Denominator);
        var sign = Denominator < 0 ? -1 : 1;
        return gcd == 0 ? this : new Rational(sign * Numerator / gcd, sign * Denominator / gcd);
    }

    /// <summary>Parses "N/D" (ffprobe's form) or a whole number; 0/0 when the text is neither.</summary>
    public static Rational Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return default;
        }
        var parts = text.Split('/');
        if (parts.Length == 2
            && long.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var num)
            && long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var den))
        {
            return new Rational(num, den);
        }
        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole) ? new Rational(whole, 1) : default;
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Numerator}/{Denominator}");
}
