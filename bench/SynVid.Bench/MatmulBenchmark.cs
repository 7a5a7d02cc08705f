using System.Globalization;
using SynVid.Benchmarking;
using static TorchSharp.torch;

namespace SynVid.Bench;

/// <summary>Large float32 matrix product: the BLAS ceiling that model benchmarks are compared against.</summary>
internal static class MatmulBenchmark
{
    internal static string Run()
    {
        const int n = 2048;
        using var a = randn(n, n);
        using var b = randn(n, n);
        var timing = Timing.Measure(() => matmul(a, b).Dispose(), iterations: 5, warmup: 1);
        var gflops = 2.0 * n * n * n / (timing.MedianMs * 1e-3) / 1e9;
        return string.Create(CultureInfo.InvariantCulture, $"{n}^3 float32, {get_num_threads()} thread(s): median {timing.MedianMs:F1} ms, {gflops:F1} GFLOP/s");
    }
}
