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
        ["video-clips"] = VideoClipBenchmark.Run,
        ["synaction"] = SynActionBenchmark.Run,
        ["finetune-augment"] = FineTuneAugmentationBenchmark.Run,
        ["finetune-step"] = FineTuneBenchmark.Step,
        ["linprobe-epoch"] = FineTuneBenchmark.LinearProbeEpoch,
        ["train-step"] = () => TrainStepBenchmark.Run(new TrainStepBenchmarkOptions()).Summary,
        ["train-step-bf16"] = () => TrainStepBenchmark.Run(new TrainStepBenchmarkOptions { Precision = MatmulPrecision.BFloat16 }).Summary,
        ["perturbations"] = PerturbationBenchmark.Run,
        ["features-random"] = FeatureExtractionBenchmark.Random,
        ["features-videomae-tiny"] = FeatureExtractionBenchmark.VideoMaeTiny,
        ["features-onnx-tiny"] = FeatureExtractionBenchmark.OnnxTiny,
        ["frechet-2048"] = FrechetBenchmark.Run,
        ["evaluate"] = EvaluationBenchmark.Run,
        ["robustness-grid"] = RobustnessGridBenchmark.Run,
        ["textures-stat-spectrum"] = () => TextureBenchmark.Run(SynVid.Textures.TextureKind.StatSpectrum, 20),
        ["textures-stat-wmm"] = () => TextureBenchmark.Run(SynVid.Textures.TextureKind.StatWmm, 6),
        ["textures-stat-spectrum_color"] = () => TextureBenchmark.Run(SynVid.Textures.TextureKind.StatSpectrumColor, 10),
        ["textures-stat-spectrum_color_wmm"] = () => TextureBenchmark.Run(SynVid.Textures.TextureKind.StatSpectrumColorWmm, 6),
        ["textures-stylegan-random"] = () => TextureBenchmark.Run(SynVid.Textures.TextureKind.StyleGanRandom, 1),
        ["textures-stylegan-oriented"] = () => TextureBenchmark.Run(SynVid.Textures.TextureKind.StyleGanOriented, 10),
    };
}
