namespace SynVid.Randomness;

/// <summary>Conversions of raw random bits.</summary>
public static class RandomBits
{
    /// <summary>Uniform in [0, 1) from the top 53 bits of <paramref name="bits"/>.</summary>
    public static double ToUnitDouble(ulong bits) => (bits >> 11) * (1.0 / (1UL << 53));
}
