using System.Globalization;
using SynVid.Benchmarking;
using SynVid.Model;
using static TorchSharp.torch;

namespace SynVid.Bench;

/// <summary>Large matrix products in fp32 and bf16: the BLAS ceilings that model benchmarks are compared against.</summary>
internal static class MatmulBenchmark
{
    internal static string Run() => string.Join(Environment.NewLine, new[] { MatmulPrecision.Float32, MatmulPrecision.BFloat16 }.Select(precision =>
    {
        var (timing, gflops) = MatmulCeiling.Measure(precision);
        var name = TrainStepBenchmarkResult.PrecisionName(precision);
        return string.Create(CultureInfo.InvariantCulture,
            $"{MatmulCeiling.DefaultSize}^3 {name}, {get_num_threads()} thread(s): median {timing.MedianMs:F1} ms, {gflops:F1} GFLOP/s");
    }));
}
