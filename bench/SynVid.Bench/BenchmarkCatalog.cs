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
        ["perturbations"] = PerturbationBenchmark.Run,
    };
}
