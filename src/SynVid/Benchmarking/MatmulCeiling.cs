using SynVid.Model;
using static TorchSharp.torch;

namespace SynVid.Benchmarking;

/// <summary>
/// The rate of one large square matrix product on the CPU at the current torch thread count: the ceiling a model's
/// achieved GFLOP/s is compared against (item 1 of the calibration: a step should reach a good share of it).
/// </summary>
public static class MatmulCeiling
{
    /// <summary>Side of the product: large enough that BLAS runs at its peak, small enough to time in a second.</summary>
    public const int DefaultSize = 2048;

    /// <summary>Median GFLOP/s (2·n³ per product) of <paramref name="iterations"/> n×n products in <paramref name="precision"/>.</summary>
    public static (Timing Timing, double Gflops) Measure(MatmulPrecision precision, int size = DefaultSize, int iterations = 5)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        var type = precision == MatmulPrecision.BFloat16 ? ScalarType.BFloat16 : ScalarType.Float32;
        using var a = randn(size, size).to_type(type);
        using var b = randn(size, size).to_type(type);
        var timing = Timing.Measure(() => matmul(a, b).Dispose(), iterations, warmup: 1);
        return (timing, 2.0 * size * size * size / (timing.MedianMs * 1e-3) / 1e9);
    }
}
