namespace SynVid.Datasets.Augmentation;

/// <summary>Gamma and Beta draws from a <see cref="Random"/> (Marsaglia–Tsang), for mixup's λ.</summary>
public static class BetaSampler
{
    /// <summary>A Beta(a, b) draw.</summary>
    public static double Beta(Random rng, double a, double b)
    {
        var x = Gamma(rng, a);
        var y = Gamma(rng, b);
        return x / (x + y);
    }

    /// <summary>A Gamma(shape, 1) draw.</summary>
    public static double Gamma(Random rng, double shape)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(shape);
        if (shape < 1)
        {
            // boost: Gamma(a) = Gamma(a + 1)·U^(1/a)
            return Gamma(rng, shape + 1) * Math.Pow(1.0 - rng.NextDouble(), 1 / shape);
        }
        var d = shape - 1.0 / 3;
        var c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = RandAugment.Gaussian(rng, 0, 1);
                v = 1 + c * x;
            }
            while (v <= 0);
            v = v * v * v;
            var u = 1.0 - rng.NextDouble();
            if (Math.Log(u) < 0.5 * x * x + d - d * v + d * Math.Log(v))
            {
                return d * v;
            }
        }
    }
}
