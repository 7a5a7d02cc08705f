using System.Diagnostics;

namespace SynVid.Benchmarking;

/// <summary>Timing of a repeated action: warm-up runs are discarded, the median of the timed runs is reported.</summary>
public sealed record Timing(IReadOnlyList<double> Milliseconds)
{
    /// <summary>Median of the timed runs in milliseconds.</summary>
    public double MedianMs
    {
        get
        {
            var sorted = Milliseconds.Order().ToArray();
            var mid = sorted.Length / 2;
            return sorted.Length % 2 == 1 ? sorted[mid] : 0.5 * (sorted[mid - 1] + sorted[mid]);
        }
    }

    /// <summary>Fastest timed run in milliseconds.</summary>
    public double MinMs => Milliseconds.Min();

    /// <summary>Times <paramref name="action"/> <paramref name="iterations"/> times after <paramref name="warmup"/> untimed runs.</summary>
    public static Timing Measure(Action action, int iterations, int warmup = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        for (var i = 0; i < warmup; i++)
        {
            action();
        }
        var ms = new double[iterations];
        for (var i = 0; i < iterations; i++)
        {
            var start = Stopwatch.GetTimestamp();
            action();
            ms[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        return new Timing(ms);
    }
}
