using SynVid.Analysis.Metrics;

namespace SynVid.Tests.Analysis;

public sealed class AccuracyBootstrapTests
{
    // n videos of which a share `accuracy` is right, in a seeded order
    private static double[] Videos(int n, double accuracy, int seed = 1)
    {
        var rng = new Random(seed);
        var right = (int)Math.Round(n * accuracy);
        return [.. Enumerable.Range(0, n).Select(i => i < right ? 1.0 : 0.0).OrderBy(_ => rng.Next())];
    }

    [Fact]
    public void TheIntervalContainsThePointEstimateAndIsSeeded()
    {
        var videos = Videos(200, 0.3);
        var a = AccuracyBootstrap.Accuracy(videos, new BootstrapOptions(Seed: 3));
        Assert.Equal(30.0, a.Value, 10);
        Assert.InRange(a.Value, a.Low, a.High);
        Assert.True(a.Low < a.Value && a.Value < a.High);
        Assert.Equal(200, a.Videos);
        Assert.Equal(a, AccuracyBootstrap.Accuracy(videos, new BootstrapOptions(Seed: 3)));
        Assert.NotEqual(a, AccuracyBootstrap.Accuracy(videos, new BootstrapOptions(Seed: 4)));
    }

    [Fact]
    public void TheWidthIsTheBinomialOneAndShrinksAsOneOverRootN()
    {
        // at p = 0.5 the 95 % half-width is 1.96 · √(p(1 − p)/n): 4.9 points for 400 videos, 2.45 for 1,600
        var small = AccuracyBootstrap.Accuracy(Videos(400, 0.5));
        var large = AccuracyBootstrap.Accuracy(Videos(1600, 0.5));
        Assert.InRange(small.HalfWidth, 4.3, 5.5);
        Assert.InRange(large.HalfWidth, 2.15, 2.75);
        Assert.InRange(small.HalfWidth / large.HalfWidth, 1.6, 2.5);
    }

    [Fact]
    public void AllRightOrAllWrongHaveADegenerateInterval()
    {
        var right = AccuracyBootstrap.Accuracy(Videos(50, 1));
        Assert.Equal((100.0, 100.0, 100.0), (right.Value, right.Low, right.High));
        var wrong = AccuracyBootstrap.Accuracy(Videos(50, 0));
        Assert.Equal((0.0, 0.0, 0.0), (wrong.Value, wrong.Low, wrong.High));
    }

    [Fact]
    public void SeveralRunsAverageEachVideosCorrectness()
    {
        IReadOnlyList<bool>[] runs = [[true, false, true, false], [true, true, false, false]];
        Assert.Equal([1.0, 0.5, 0.5, 0.0], AccuracyBootstrap.PerVideo(runs));
        // the point estimate is the mean of the runs' top-1 (50 % and 50 %)
        Assert.Equal(50.0, AccuracyBootstrap.Accuracy(AccuracyBootstrap.PerVideo(runs)).Value, 10);
        Assert.Throws<ArgumentException>(() => AccuracyBootstrap.PerVideo([[true], [true, false]]));
    }

    [Fact]
    public void APairedDifferenceCancelsWhatBothArmsShare()
    {
        // b gets right what a gets right, plus 20 more of 400: the paired interval is far narrower than the unpaired one
        var a = Videos(400, 0.5);
        var b = a.Select((v, i) => v == 0 && i % 10 == 0 ? 1.0 : v).ToArray();
        var gain = b.Sum() - a.Sum();
        var paired = AccuracyBootstrap.PairedDifference(b, a);
        var unpaired = AccuracyBootstrap.Difference(b, a);
        Assert.Equal(100 * gain / 400, paired.Value, 10);
        Assert.Equal(paired.Value, unpaired.Value, 10);
        Assert.InRange(paired.Value, paired.Low, paired.High);
        Assert.True(paired.Low > 0, "b is better on every resample");
        Assert.True(paired.HalfWidth < unpaired.HalfWidth / 2);
        var same = AccuracyBootstrap.PairedDifference(a, a);
        Assert.Equal((0.0, 0.0, 0.0), (same.Value, same.Low, same.High));
    }
}
