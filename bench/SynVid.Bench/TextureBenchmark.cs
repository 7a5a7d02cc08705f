using System.Diagnostics;
using System.Globalization;
using SynVid.Textures;
using static TorchSharp.torch;

namespace SynVid.Bench;

/// <summary>
/// Textures per second at 256² for one kind, steady state (generator built and its first texture made before timing):
/// one worker using the configured torch threads, then one worker per core with one torch thread each. Also the
/// process CPU time per texture, which is meaningful even on a shared, loaded machine.
/// </summary>
internal static class TextureBenchmark
{
    internal static string Run(TextureKind kind, int count)
    {
        var tuned = Environment.GetEnvironmentVariable("SYNVID_DEFAULT_MALLOC") is null && SynVid.Runtime.NativeAllocatorTuning.Apply();
        var threads = get_num_threads();
        using var generator = TextureGenerators.Create(kind, 256, seed: 1);
        generator.Generate(0);
        var (serialRate, serialCpu) = Measure(count, 1, i => generator.Generate(1 + i));
        var workers = Environment.ProcessorCount;
        set_num_threads(1);
        var (parallelRate, parallelCpu) = Measure(workers * count, workers, i => generator.Generate(1000 + i));
        set_num_threads(threads);
        return string.Create(CultureInfo.InvariantCulture,
            $"{kind.Name()} 256²: {serialRate:F2}/s (1 worker × {threads} torch threads, {serialCpu:F2} CPU-s each), " +
            $"{parallelRate:F2}/s ({workers} workers × 1 thread, {parallelCpu:F2} CPU-s each), malloc {(tuned ? "tuned" : "default")}");
    }

    private static (double Rate, double CpuSeconds) Measure(int count, int workers, Action<int> generate)
    {
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpu0 = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = workers }, generate);
        var seconds = wall.Elapsed.TotalSeconds;
        process.Refresh();
        return (count / seconds, (process.TotalProcessorTime - cpu0).TotalSeconds / count);
    }
}
