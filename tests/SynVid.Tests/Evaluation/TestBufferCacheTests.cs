using SynVid.Datasets.Downstream;
using SynVid.Datasets.Sampling;
using SynVid.Datasets.Specs;
using SynVid.Evaluation;
using SynVid.Evaluation.Perturbations;
using SynVid.Evaluation.Robustness;

namespace SynVid.Tests.Evaluation;

public class TestBufferCacheTests
{
    private static DownstreamData Open(DownstreamFixture fixture) =>
        DownstreamData.Open(DatasetSpec.Parse("folder:" + fixture.DataDir), new DownstreamDataOptions(ClipLength: DownstreamFixture.Frames, Stride: 4));

    private static EvaluationViews Geometry => new(DownstreamFixture.Frames, 4, DownstreamFixture.Size, DownstreamFixture.Size);

    [Theory]
    [InlineData("gaussian_noise")]
    [InlineData("jumble")]
    public void CachedBuffersGiveTheSamePredictionsAndAreNotAltered(string type)
    {
        using var fixture = new DownstreamFixture();
        using var model = DownstreamFixture.NewModel();
        var data = Open(fixture);
        var test = data.Splits.Test;
        var views = new ViewCount(2, 3);
        var hook = new SeededViewPerturbation(PerturbationCatalog.Find(type), 3, seed: 5, DownstreamFixture.Frames);
        var plain = new MultiViewEvaluator(data, Geometry, views, batchSize: 4, workers: 2).Evaluate(model.forward, test, hook);

        var cache = new TestBufferCache(1L << 30);
        var cached = new MultiViewEvaluator(data, Geometry, views, batchSize: 4, workers: 2, cache: cache);
        var first = cached.Evaluate(model.forward, test, hook);
        Assert.Equal(test.Count, cache.Count);
        var bytes = cache.Bytes;
        Assert.True(bytes > 0);
        // a second pass (another cell of the grid) reads the cache: perturbing views must not have changed it
        var second = cached.Evaluate(model.forward, test, hook);
        var clean = cached.Evaluate(model.forward, test);
        var cleanPlain = new MultiViewEvaluator(data, Geometry, views, batchSize: 4, workers: 2).Evaluate(model.forward, test);
        Assert.Equal(bytes, cache.Bytes);
        for (var v = 0; v < test.Count; v++)
        {
            Assert.Equal(plain.Predictions[v].Probabilities, first.Predictions[v].Probabilities);
            Assert.Equal(plain.Predictions[v].Probabilities, second.Predictions[v].Probabilities);
            Assert.Equal(cleanPlain.Predictions[v].Probabilities, clean.Predictions[v].Probabilities);
        }
    }

    [Fact]
    public void TheBudgetBoundsWhatIsKept()
    {
        using var fixture = new DownstreamFixture();
        var data = Open(fixture);
        var test = data.Splits.Test;
        var evaluator = new MultiViewEvaluator(data, Geometry, new ViewCount(1, 1), workers: 1);
        var one = evaluator.ViewFrames(test, 0);
        Assert.NotEmpty(one);

        var none = new TestBufferCache(0);
        var frames = none.GetOrAdd("a", () => [new SynVid.Video.RgbImage(4, 4)]);
        Assert.Single(frames);
        Assert.Equal(0, none.Count);
        Assert.Equal(0, none.Bytes);

        // room for two 4x4 frames (48 bytes each), not three
        var small = new TestBufferCache(100);
        small.GetOrAdd("a", () => [new SynVid.Video.RgbImage(4, 4)]);
        small.GetOrAdd("b", () => [new SynVid.Video.RgbImage(4, 4)]);
        small.GetOrAdd("c", () => [new SynVid.Video.RgbImage(4, 4)]);
        Assert.Equal(2, small.Count);
        Assert.Equal(96, small.Bytes);
        var calls = 0;
        small.GetOrAdd("a", () => { calls++; return []; });
        Assert.Equal(0, calls);
    }
}
