using System.Diagnostics;
using SynVid.Benchmarking;

namespace SynVid.Synthesis;

/// <summary>Result of <see cref="ClipBenchmark.Run"/>.</summary>
/// <param name="MedianMsPerClip">Median milliseconds per clip (per clip on one thread; wall time / clips for a parallel run).</param>
/// <param name="MinMsPerClip">Fastest measurement, milliseconds per clip.</param>
/// <param name="ClipsPerSecond">Throughput at the median.</param>
/// <param name="Threads">Worker threads used.</param>
/// <param name="CpuMsPerClip">Process CPU time per clip over the timed clips (all threads, GC included): less
/// sensitive than wall time to other processes competing for the cores.</param>
public sealed record ClipBenchmarkResult(double MedianMsPerClip, double MinMsPerClip, double ClipsPerSecond, int Threads, double CpuMsPerClip);

/// <summary>Times on-the-fly clip rendering, the generator's hot path.</summary>
public static class ClipBenchmark
{
    /// <summary>
    /// One thread: the median over <paramref name="clips"/> clips, each timed alone, after a warm-up. Several
    /// threads: <paramref name="clips"/> clips per round through <see cref="Concurrency.OrderedPrefetcher.Produce{T}"/>, three
    /// rounds; the median of wall time / clips.
    /// </summary>
    public static ClipBenchmarkResult Run(OnTheFlyClipSource source, int clips, int threads)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfLessThan(clips, 1);
        var workers = threads > 0 ? threads : Environment.ProcessorCount;
        // Warm-up (epoch 1, not timed): at least 8 clips per worker and one second, so tiered JIT has settled.
        var warmStart = Stopwatch.GetTimestamp();
        for (var round = 0; round == 0 || Stopwatch.GetElapsedTime(warmStart).TotalSeconds < 1; round++)
        {
            foreach (var _ in source.Stream(epoch: 1, start: round * 8 * workers, count: 8 * workers, parallelism: workers))
            {
            }
        }
        double[] ms;
        var process = Process.GetCurrentProcess();
        var cpuStart = process.TotalProcessorTime;
        if (workers == 1)
        {
            var next = 0;
            ms = [.. Timing.Measure(() => source.Get(0, next++), iterations: clips, warmup: 0).Milliseconds];
        }
        else
        {
            ms = new double[3];
            for (var round = 0; round < ms.Length; round++)
            {
                var start = Stopwatch.GetTimestamp();
                foreach (var _ in source.Stream(epoch: 0, start: round * clips, count: clips, parallelism: workers))
                {
                }
                ms[round] = Stopwatch.GetElapsedTime(start).TotalMilliseconds / clips;
            }
        }
        process.Refresh();
        var timedClips = workers == 1 ? clips : 3 * clips;
        var cpu = (process.TotalProcessorTime - cpuStart).TotalMilliseconds / timedClips;
        var median = new Timing(ms).MedianMs;
        return new ClipBenchmarkResult(median, ms.Min(), 1000 / median, workers, cpu);
    }
}
