namespace SynVid.Randomness;

/// <summary>
/// Standard normal draws by Marsaglia's polar method: each accepted pair gives two values, the second kept for the
/// next call. Pure managed arithmetic, so the draws are the same on every machine. A mutable struct, like the
/// generator it draws from.
/// </summary>
public struct PolarGaussian
{
    private double _spare;
    private bool _hasSpare;

    /// <summary>The next N(0, 1) value, drawing uniforms from <paramref name="rng"/> when no spare is left.</summary>
    public double Next(ref Xoshiro256StarStar rng)
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spare;
        }
        double u, v, s;
        do
        {
            u = 2.0 * rng.NextDouble() - 1.0;
            v = 2.0 * rng.NextDouble() - 1.0;
            s = u * u + v * v;
        }
        while (s >= 1.0 || s == 0.0);
        var f = Math.Sqrt(-2.0 * Math.Log(s) / s);
        _spare = v * f;
        _hasSpare = true;
        return u * f;
    }
}
