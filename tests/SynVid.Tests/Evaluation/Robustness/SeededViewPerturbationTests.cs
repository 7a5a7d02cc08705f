using SynVid.Datasets.Downstream;
using SynVid.Datasets.Sampling;
using SynVid.Datasets.Specs;
using SynVid.Evaluation;
using SynVid.Evaluation.Perturbations;
using SynVid.Evaluation.Robustness;
using SynVid.Tests.Video;
using SynVid.Video;

namespace SynVid.Tests.Evaluation.Robustness;

public class SeededViewPerturbationTests
{
    private static readonly (byte R, byte G, byte B) _known = (30, 120, 220);

    public static TheoryData<string> SpatialKeys => [.. PerturbationCatalog.All.OfType<ISpatialPerturbation>().Select(p => p.Key)];

    private static RgbImage Solid(int w, int h, (byte R, byte G, byte B) c)
    {
        var px = new byte[w * h * 3];
        for (var i = 0; i < w * h; i++)
        {
            (px[i * 3], px[i * 3 + 1], px[i * 3 + 2]) = c;
        }
        return new RgbImage(w, h, px);
    }

    private static RgbImage[] Numbered(int frames) =>
        [.. Enumerable.Range(0, frames).Select(t => Solid(8, 8, ((byte)t, 0, 0)))];

    private static double[] CentreMean(IReadOnlyList<RgbImage> frames)
    {
        var sum = new double[3];
        var n = 0;
        foreach (var f in frames)
        {
            for (var y = f.Height / 4; y < 3 * f.Height / 4; y++)
            {
                for (var x = f.Width / 4; x < 3 * f.Width / 4; x++)
                {
                    for (var c = 0; c < 3; c++)
                    {
                        sum[c] += f.Pixels[f.Offset(x, y) + c];
                    }
                    n++;
                }
            }
        }
        return [.. sum.Select(s => s / n)];
    }

    [Theory]
    [MemberData(nameof(SpatialKeys))]
    public void ViewsKeepTheirColoursUnderEverySpatialTypeAtSeverityOne(string key)
    {
        // A buffer of 16 frames passes the buffer stage untouched; the cropped view is perturbed, not inverted.
        var hook = new SeededViewPerturbation(PerturbationCatalog.Find(key), 1, seed: 5, clipLength: 8);
        var buffer = Enumerable.Range(0, 16).Select(_ => Solid(80, 64, _known)).ToArray();
        Assert.Same(buffer, hook.PerturbBuffer(buffer, video: 3, view: 2));
        var view = hook.PerturbView([.. buffer.Take(8).Select(f => Solid(64, 64, _known))], video: 3, view: 2);
        Assert.Equal(8, view.Count);
        var mean = CentreMean(view);
        Assert.InRange(mean[0], _known.R - 8, _known.R + 8);
        Assert.InRange(mean[1], _known.G - 8, _known.G + 8);
        Assert.InRange(mean[2], _known.B - 8, _known.B + 8);
        if (key != "translate")
        {
            var legacy = new SeededViewPerturbation(PerturbationCatalog.Find(key), 1, seed: 5, clipLength: 8, legacyInvert: true);
            var inverted = CentreMean(legacy.PerturbView([.. buffer.Take(8).Select(f => Solid(64, 64, _known))], 3, 2));
            Assert.True(Math.Abs(inverted[0] - (256 - _known.R)) < 20, $"{key}: --legacy-invert gave R = {inverted[0]:F1}");
        }
    }

    [Fact]
    public void EvaluatorViewsOfAKnownColourVideoKeepTheColourUnderEverySpatialType()
    {
        // The views the model sees (MultiViewEvaluator.ViewFrames: decode, stride, resize, crop, then the hook).
        using var dir = new TempFolder();
        var video = dir.File("solid.mkv");
        TestFrames.WriteVideo(video, [.. Enumerable.Range(0, 20).Select(_ => Solid(40, 32, _known))], 25, new VideoWriterSettings(VideoQuality.Lossless));
        foreach (var list in new[] { "train.csv", "val.csv", "test.csv" })
        {
            File.WriteAllText(dir.File(list), "solid.mkv 0\n");
        }
        var data = DownstreamData.Open(DatasetSpec.Parse("csv:" + dir.Path), new DownstreamDataOptions(ClipLength: 8));
        var evaluator = new MultiViewEvaluator(data, new EvaluationViews(8, 4, 32, 32), new ViewCount(2, 2));
        foreach (var p in PerturbationCatalog.All.OfType<ISpatialPerturbation>())
        {
            var views = evaluator.ViewFrames(data.Splits.Test, 0, new SeededViewPerturbation(p, 1, seed: 2, clipLength: 8));
            Assert.Equal(4, views.Count);
            foreach (var view in views)
            {
                Assert.All(view, f => Assert.Equal((32, 32), (f.Width, f.Height)));
                var mean = CentreMean(view);
                Assert.True(Math.Abs(mean[0] - _known.R) <= 8 && Math.Abs(mean[1] - _known.G) <= 8 && Math.Abs(mean[2] - _known.B) <= 8,
                    $"{p.Key}: centre mean ({mean[0]:F1}, {mean[1]:F1}, {mean[2]:F1})");
            }
        }
    }

    [Fact]
    public void TemporalTypesActOnTheBufferAndPadShortResultsWithTheLastFrame()
    {
        var hook = new SeededViewPerturbation(PerturbationCatalog.Find("sampling"), 5, seed: 0, clipLength: 16);
        // A short video: 20 strided frames; sampling at severity 5 keeps every 32nd, one frame, then pads to 16.
        var buffer = Numbered(20);
        var perturbed = hook.PerturbBuffer(buffer, video: 0, view: 0);
        Assert.Equal(16, perturbed.Count);
        Assert.All(perturbed, f => Assert.Same(buffer[0], f));
        var view = Numbered(16);
        Assert.Same(view, hook.PerturbView(view, 0, 0));

        var reverse = new SeededViewPerturbation(PerturbationCatalog.Find("reverse"), 2, seed: 0, clipLength: 16);
        var reversed = reverse.PerturbBuffer(buffer, 0, 0);
        // Every 4th frame reversed (16, 12, 8, 4, 0), then the last one (frame 0) repeated.
        Assert.Equal([16, 12, 8, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], reversed.Select(f => (int)f.Pixels[0]));
    }

    [Fact]
    public void EveryViewAndVideoDrawsItsOwnRandomnessReproducibly()
    {
        var hook = new SeededViewPerturbation(PerturbationCatalog.Find("jumble"), 3, seed: 11, clipLength: 16);
        var buffer = Numbered(64);
        string Order(int video, int view) => string.Join(",", hook.PerturbBuffer(buffer, video, view).Select(f => f.Pixels[0]));
        Assert.Equal(Order(1, 2), Order(1, 2));
        Assert.NotEqual(Order(1, 2), Order(1, 3));
        Assert.NotEqual(Order(1, 2), Order(2, 2));
        Assert.Throws<UserInputException>(() => new SeededViewPerturbation(PerturbationCatalog.Find("jumble"), 6, 0));
    }
}
