using SynVid.Benchmarking;
using SynVid.Model;

namespace SynVid.Bench;

/// <summary>Every benchmark by name; each returns its one-line result.</summary>
internal static class BenchmarkCatalog
{
    internal static IReadOnlyDictionary<string, Func<string>> All { get; } = new Dictionary<string, Func<string>>
    {
        ["matmul"] = MatmulBenchmark.Run,
        ["generate"] = GenerateBenchmark.Run,
        ["rasterizer"] = RasterizerComparisonBenchmark.Run,
        ["video-encode"] = VideoIoBenchmark.Encode,
        ["video-decode"] = VideoIoBenchmark.Decode,
        ["synaction"] = SynActionBenchmark.Run,
        ["finetune-augment"] = FineTuneAugmentationBenchmark.Run,
        ["train-step"] = () => TrainStepBenchmark.Run(new TrainStepBenchmarkOptions()).Summary,
        ["train-step-bf16"] = () => TrainStepBenchmark.Run(new TrainStepBenchmarkOptions { Precision = MatmulPrecision.BFloat16 }).Summary,
        ["perturbations"] = PerturbationBenchmark.Run,
    };
}
