namespace SynVid.Analysis.Metrics;

/// <summary>
/// Percentile-bootstrap intervals of top-1 accuracy over test videos: each resample draws the n videos with
/// replacement and takes the mean of their correctness; the interval is the (1−c)/2 and (1+c)/2 quantiles of those
/// means (<see cref="Correlation.Quantile"/>). With several fine-tuning runs on the same test videos a video's
/// correctness is the share of runs that got it right, so the interval covers test-set sampling around the mean of
/// the runs (the spread between runs is reported apart, as a standard deviation).
/// </summary>
public static class AccuracyBootstrap
{
    /// <summary>
    /// Per-video correctness averaged over runs (each run lists the same videos in the same order, true = correct).
    /// </summary>
    public static double[] PerVideo(IReadOnlyList<IReadOnlyList<bool>> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count == 0)
        {
            throw new ArgumentException("no runs", nameof(runs));
        }
        var n = runs[0].Count;
        var mean = new double[n];
        foreach (var run in runs)
        {
            if (run.Count != n)
            {
                throw new ArgumentException($"runs test different numbers of videos: {n} and {run.Count}", nameof(runs));
            }
            for (var i = 0; i < n; i++)
            {
                mean[i] += run[i] ? 1.0 / runs.Count : 0;
            }
        }
        return mean;
    }

    /// <summary>Top-1 (percent) of per-video correctness in [0, 1], with its bootstrap interval.</summary>
    public static AccuracyInterval Accuracy(IReadOnlyList<double> perVideo, BootstrapOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(perVideo);
        options = Check(options);
        if (perVideo.Count == 0)
        {
            throw new ArgumentException("no test videos", nameof(perVideo));
        }
        var rng = new Random(options.Seed);
        var means = new double[options.Resamples];
        for (var b = 0; b < means.Length; b++)
        {
            means[b] = 100 * ResampledMean(perVideo, rng);
        }
        return Interval(100 * perVideo.Average(), means, perVideo.Count, options);
    }

    /// <summary>
    /// The difference a − b (percentage points) of two arms tested on the same videos (same order), with a paired
    /// bootstrap interval: each resample draws videos once and takes the difference on them, so the video-to-video
    /// difficulty both arms share cancels.
    /// </summary>
    public static AccuracyInterval PairedDifference(IReadOnlyList<double> a, IReadOnlyList<double> b, BootstrapOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count != b.Count || a.Count == 0)
        {
            throw new ArgumentException($"a paired difference needs the same non-empty test videos, got {a.Count} and {b.Count}");
        }
        return Accuracy(a.Select((x, i) => x - b[i]).ToArray(), options);
    }

    /// <summary>The difference a − b of two arms tested on different videos: each resample draws each arm's videos apart.</summary>
    public static AccuracyInterval Difference(IReadOnlyList<double> a, IReadOnlyList<double> b, BootstrapOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        options = Check(options);
        if (a.Count == 0 || b.Count == 0)
        {
            throw new ArgumentException("no test videos");
        }
        var rng = new Random(options.Seed);
        var differences = new double[options.Resamples];
        for (var r = 0; r < differences.Length; r++)
        {
            differences[r] = 100 * (ResampledMean(a, rng) - ResampledMean(b, rng));
        }
        return Interval(100 * (a.Average() - b.Average()), differences, Math.Min(a.Count, b.Count), options);
    }

    private static BootstrapOptions Check(BootstrapOptions? options)
    {
        options ??= new BootstrapOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Resamples, 1);
        if (options.Confidence is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "confidence must be in (0, 1)");
        }
        return options;
    }

    private static double ResampledMean(IReadOnlyList<double> values, Random rng)
    {
        var sum = 0.0;
        for (var i = 0; i < values.Count; i++)
        {
            sum += values[rng.Next(values.Count)];
        }
        return sum / values.Count;
    }

    private static AccuracyInterval Interval(double value, double[] resampled, int videos, BootstrapOptions options)
    {
        Array.Sort(resampled);
        var tail = (1 - options.Confidence) / 2;
        return new AccuracyInterval(value, Correlation.Quantile(resampled, tail), Correlation.Quantile(resampled, 1 - tail), videos);
    }
}
