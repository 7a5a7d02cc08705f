using static TorchSharp.torch;

namespace SynVid.Analysis.Metrics;

/// <summary>How KID is estimated.</summary>
/// <param name="SubsetSize">Samples per subset (1000 as in Bińkowski et al. and torchmetrics); capped by the smaller set.</param>
/// <param name="Subsets">Number of random subset pairs averaged (100, torchmetrics' default).</param>
/// <param name="Seed">Seed of the subset draws.</param>
public sealed record KidOptions(int SubsetSize = 1000, int Subsets = 100, int Seed = 0);

/// <summary>A KID estimate.</summary>
/// <param name="Mean">Mean of the per-subset unbiased MMD² values.</param>
/// <param name="Std">Their standard deviation (population form, divided by the number of subsets, as torchmetrics).</param>
/// <param name="SubsetSize">Subset size actually used.</param>
/// <param name="Subsets">Number of subsets.</param>
public sealed record KidResult(double Mean, double Std, int SubsetSize, int Subsets);

/// <summary>
/// Kernel Inception Distance: the unbiased estimate of MMD² with the cubic polynomial kernel k(x, y) = (xᵀy / d + 1)³,
/// averaged over random subsets. Subset s draws m rows of each set without replacement (a seeded partial shuffle).
/// </summary>
public static class KernelInceptionDistance
{
    /// <summary>KID between the rows of <paramref name="x"/> and <paramref name="y"/> (each at least 2 rows).</summary>
    public static KidResult Compute(FeatureMatrix x, FeatureMatrix y, KidOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        options ??= new KidOptions();
        if (x.Columns != y.Columns)
        {
            throw new ArgumentException($"feature dimensions differ: {x.Columns} and {y.Columns}");
        }
        var m = Math.Min(options.SubsetSize, Math.Min(x.Rows, y.Rows));
        if (m < 2)
        {
            throw new UserInputException($"KID needs at least 2 samples in each set, got {x.Rows} and {y.Rows}");
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Subsets, 1);
        using var scope = NewDisposeScope();
        var xt = x.ToDoubleTensor();
        var yt = y.ToDoubleTensor();
        var rng = new Random(options.Seed);
        var values = new double[options.Subsets];
        for (var s = 0; s < options.Subsets; s++)
        {
            using var inner = NewDisposeScope();
            var xs = xt.index_select(0, tensor(Subset(rng, x.Rows, m)));
            var ys = yt.index_select(0, tensor(Subset(rng, y.Rows, m)));
            values[s] = UnbiasedMmd2(xs, ys);
        }
        var mean = values.Average();
        var std = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length);
        return new KidResult(mean, std, m, options.Subsets);
    }

    /// <summary>Unbiased MMD² of two equal-size (m, d) float64 sets with the cubic polynomial kernel.</summary>
    public static double UnbiasedMmd2(Tensor x, Tensor y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        using var scope = NewDisposeScope();
        var m = x.shape[0];
        var d = x.shape[1];
        Tensor Kernel(Tensor a, Tensor b) => a.matmul(b.t()).div_(d).add_(1).pow_(3);
        var kxx = Kernel(x, x);
        var kyy = Kernel(y, y);
        var kxy = Kernel(x, y);
        var sumXx = kxx.sum().item<double>() - kxx.diagonal().sum().item<double>();
        var sumYy = kyy.sum().item<double>() - kyy.diagonal().sum().item<double>();
        var sumXy = kxy.sum().item<double>();
        return (sumXx / (m * (m - 1))) + (sumYy / (m * (m - 1))) - (2 * sumXy / (m * m));
    }

    private static long[] Subset(Random rng, int n, int m)
    {
        var indices = Enumerable.Range(0, n).ToArray();
        for (var i = 0; i < m; i++)
        {
            var j = rng.Next(i, n);
            (indices[i], indices[j]) = (indices[j], indices[i]);
        }
        return [.. indices.Take(m).Select(i => (long)i)];
    }
}
