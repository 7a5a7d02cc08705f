using System.Diagnostics;
using System.Globalization;
using SynVid.Textures;
using static TorchSharp.torch;

namespace SynVid.Bench;

/// <summary>
/// Textures per second at 256² for each kind, steady state (generator built and one texture made before timing):
/// one worker using the configured torch threads, and one worker per core with one torch thread each.
/// </summary>
internal static class TextureBenchmark
{
    internal static string Run(TextureKind kind, int count)
    {
        var threads = get_num_threads();
        using var generator = (IDisposable)TextureGenerators.Create(kind, 256, seed: 1);
        var g = (ITextureGenerator)generator;
        g.Generate(0);
        var serial = Stopwatch.StartNew();
        for (var i = 1; i <= count; i++)
        {
            g.Generate(i);
        }
        var serialRate = count / serial.Elapsed.TotalSeconds;
        var workers = Environment.ProcessorCount;
        set_num_threads(1);
        g.Generate(1000);
        var parallel = Stopwatch.StartNew();
        Parallel.For(0, workers * count, new ParallelOptions { MaxDegreeOfParallelism = workers }, i => g.Generate(2000 + i));
        var parallelRate = workers * count / parallel.Elapsed.TotalSeconds;
        set_num_threads(threads);
        return string.Create(CultureInfo.InvariantCulture,
            $"{kind.Name()} 256²: {serialRate:F2}/s (1 worker × {threads} torch threads), {parallelRate:F2}/s ({workers} workers × 1 thread)");
    }
}
