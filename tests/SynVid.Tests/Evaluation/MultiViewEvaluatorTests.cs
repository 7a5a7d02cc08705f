using SynVid.Datasets;
using SynVid.Datasets.Downstream;
using SynVid.Datasets.Sampling;
using SynVid.Datasets.Specs;
using SynVid.Evaluation;
using SynVid.Model.Checkpoints;
using SynVid.Video;
using TorchSharp;
using static TorchSharp.torch;

namespace SynVid.Tests.Evaluation;

public class MultiViewEvaluatorTests
{
    private static DownstreamData Open(DownstreamFixture fixture) =>
        DownstreamData.Open(DatasetSpec.Parse("folder:" + fixture.DataDir), new DownstreamDataOptions(ClipLength: DownstreamFixture.Frames, Stride: 4));

    private static EvaluationViews Geometry => new(DownstreamFixture.Frames, 4, DownstreamFixture.Size, DownstreamFixture.Size);

    [Fact]
    public void VideoProbabilitiesAreTheMeanOfPerViewSoftmax()
    {
        using var fixture = new DownstreamFixture();
        using var model = DownstreamFixture.NewModel();
        var data = Open(fixture);
        var views = new ViewCount(2, 3);
        var evaluator = new MultiViewEvaluator(data, Geometry, views, batchSize: 4, workers: 2);
        var test = data.Splits.Test;
        var result = evaluator.Evaluate(model.forward, test);

        Assert.Equal(test.Count, result.Predictions.Count);
        var distinctTop = new HashSet<int>();
        for (var v = 0; v < test.Count; v++)
        {
            var frames = evaluator.ViewFrames(test, v);
            Assert.Equal(6, frames.Count);
            var expected = new double[3];
            using (no_grad())
            {
                foreach (var view in frames)
                {
                    using var x = ClipTensor.ToModelInput(view, null, DownstreamFixture.Size, VideoNormalization.ImageNet).unsqueeze(0);
                    using var p = nn.functional.softmax(model.forward(x), 1);
                    var probs = p.data<float>().ToArray();
                    for (var c = 0; c < 3; c++)
                    {
                        expected[c] += probs[c] / frames.Count;
                    }
                    distinctTop.Add(Array.IndexOf(probs, probs.Max()));
                }
            }
            for (var c = 0; c < 3; c++)
            {
                Assert.Equal(expected[c], result.Predictions[v].Probabilities[c], 1e-5);
            }
            Assert.Equal(1.0, result.Predictions[v].Probabilities.Sum(), 1e-5);
        }
        // the views really differ (otherwise averaging would be untested)
        Assert.True(distinctTop.Count > 1);
    }

    [Fact]
    public void ViewsAreCutFromTheStridedResizedBufferAtTheReferencePositions()
    {
        using var fixture = new DownstreamFixture();
        var data = Open(fixture);
        var test = data.Splits.Test;
        var entry = test.Select((v, i) => (v, i)).First(p => p.v.Path.EndsWith("long.mp4", StringComparison.Ordinal)).i;
        var evaluator = new MultiViewEvaluator(data, Geometry, new ViewCount(2, 3), workers: 1);
        var viewFrames = evaluator.ViewFrames(test, entry);

        // 30 frames at stride 4 → buffer 0, 4, …, 28 (8 frames); 40×30 resized to short side 32 → 42×32
        var all = VideoReader.ReadAll(test[entry].Path);
        var expectedViews = Geometry.Test(30, 40, 30, clips: 2, crops: 3);
        Assert.Equal(6, expectedViews.Count);
        for (var i = 0; i < 6; i++)
        {
            var ev = expectedViews[i];
            Assert.Equal((42, 32), (ev.ResizedWidth, ev.ResizedHeight));
            var resized = FrameOps.ResizeBilinear([.. ev.Frames.Select(f => all[f])], ev.ResizedWidth, ev.ResizedHeight);
            for (var t = 0; t < DownstreamFixture.Frames; t++)
            {
                var crop = FrameOps.Crop(resized[t], ev.Box.X, ev.Box.Y, ev.Box.Width, ev.Box.Height);
                Assert.True(crop.PixelsEqual(viewFrames[i][t]), $"view {i} frame {t}");
            }
        }
        // clip starts ⌊k·(8 − 4)/1⌋ = 0, 4 → source frames 0..12 and 16..28; crops at x = 0, 5, 10
        Assert.Equal([0, 4, 8, 12], expectedViews[0].Frames);
        Assert.Equal([16, 20, 24, 28], expectedViews[3].Frames);
        Assert.Equal([0, 5, 10], expectedViews.Take(3).Select(v => v.Box.X));
    }

    [Fact]
    public void PerturbationsActOnTheBufferThenOnEachViewAndShortBuffersArePadded()
    {
        using var fixture = new DownstreamFixture();
        using var model = DownstreamFixture.NewModel();
        var data = Open(fixture);
        var evaluator = new MultiViewEvaluator(data, Geometry, new ViewCount(2, 1), workers: 1);
        var probe = new RecordingPerturbation();
        var test = data.Splits.Test;
        var result = evaluator.Evaluate(model.forward, test, probe);
        Assert.Equal(test.Count, result.Predictions.Count);
        // every view of every video: one buffer call, one view call, both with the view number
        Assert.Equal(test.Count * 2, probe.BufferCalls.Count);
        Assert.Equal(probe.BufferCalls.Order(), probe.ViewCalls.Order());
        // the buffer was cut to 1 frame and padded back to the clip length: every view frame is the buffer's first
        var views = evaluator.ViewFrames(test, 0, probe);
        foreach (var view in views)
        {
            Assert.Equal(DownstreamFixture.Frames, view.Length);
            Assert.All(view, f => Assert.True(f.PixelsEqual(view[0])));
            // the view perturbation set the top-left pixel
            Assert.Equal(255, view[0].Pixels[0]);
        }
    }

    [Fact]
    public void ClassifierLoaderReadsInputShapeFromArgsAndRejectsPretrainingCheckpoints()
    {
        using var fixture = new DownstreamFixture();
        var (model, input) = ClassifierLoader.Load(fixture.Checkpoint);
        using (model)
        {
            Assert.Equal(DownstreamFixture.Frames, input.NumFrames);
            Assert.Equal(DownstreamFixture.Size, input.InputSize);
            Assert.Equal(4, input.Stride);
            using var reference = DownstreamFixture.NewModel();
            using var x = randn([1, 3, DownstreamFixture.Frames, DownstreamFixture.Size, DownstreamFixture.Size]);
            using var a = model.forward(x);
            using var b = reference.forward(x);
            Assert.True(a.allclose(b, 1e-5, 1e-6));
        }
        var pretrainPath = Path.Combine(fixture.Root, "pretrain.pth");
        using (var pretrain = new SynVid.Model.PretrainModel(new SynVid.Model.PretrainConfig
        {
            Encoder = new SynVid.Model.VideoVitConfig { ImageSize = 32, NumFrames = 4, EmbedDim = 64, Depth = 1, NumHeads = 1 },
            DecoderEmbedDim = 64,
            DecoderDepth = 1,
            DecoderNumHeads = 1,
        }))
        {
            CheckpointWriter.Save(pretrainPath, pretrain);
        }
        var error = Assert.Throws<UserInputException>(() => ClassifierLoader.Load(pretrainPath, 4, 32));
        Assert.Contains("pre-training checkpoint", error.Message, StringComparison.Ordinal);
        Assert.Throws<UserInputException>(() => ClassifierLoader.Load(Path.Combine(fixture.Root, "missing.pth")));
    }

    [Fact]
    public void AccuraciesConfusionAndPerClassFollowFromThePredictions()
    {
        string[] classes = ["a", "b", "c", "d", "e", "f"];
        VideoPrediction P(int label, params float[] p) => new($"v{label}", label, p);
        var result = new EvaluationResult(classes,
        [
            P(0, .5f, .1f, .1f, .1f, .1f, .1f),        // right
            P(1, .3f, .2f, .2f, .1f, .1f, .1f),        // wrong, true class 2nd
            P(2, .1f, .1f, .0f, .2f, .2f, .4f),        // wrong, true class last (not in top 5)
            P(2, .0f, .0f, .9f, .1f, .0f, .0f),        // right
        ], new ViewCount(1, 1));
        Assert.Equal(50.0, result.Top1, 9);
        Assert.Equal(75.0, result.Top5, 9);
        var perClass = result.PerClassAccuracy();
        Assert.Equal(100.0, perClass[0]);
        Assert.Equal(0.0, perClass[1]);
        Assert.Equal(50.0, perClass[2]);
        Assert.True(double.IsNaN(perClass[3]));
        var confusion = result.Confusion();
        Assert.Equal(1, confusion[1, 0]);
        Assert.Equal(1, confusion[2, 5]);
        Assert.Equal(1, confusion[2, 2]);
        Assert.Equal(ViewCount.Parse("10x3"), new ViewCount(10, 3));
        Assert.Throws<UserInputException>(() => ViewCount.Parse("5by3"));
        Assert.Throws<UserInputException>(() => ViewCount.Parse("0x3"));
    }

    private sealed class RecordingPerturbation : IViewPerturbation
    {
        public List<(int, int)> BufferCalls { get; } = [];

        public List<(int, int)> ViewCalls { get; } = [];

        public IReadOnlyList<RgbImage> PerturbBuffer(IReadOnlyList<RgbImage> buffer, int video, int view)
        {
            lock (BufferCalls)
            {
                BufferCalls.Add((video, view));
            }
            return [buffer[0]];
        }

        public IReadOnlyList<RgbImage> PerturbView(IReadOnlyList<RgbImage> frames, int video, int view)
        {
            lock (ViewCalls)
            {
                ViewCalls.Add((video, view));
            }
            return [.. frames.Select(f =>
            {
                var copy = new RgbImage(f.Width, f.Height, (byte[])f.Pixels.Clone());
                copy.Pixels[0] = 255;
                return copy;
            })];
        }
    }
}
