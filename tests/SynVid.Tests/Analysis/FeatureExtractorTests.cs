using SynVid.Analysis.Features;
using SynVid.Model;
using SynVid.Model.Checkpoints;
using SynVid.Video;
using static TorchSharp.torch;

namespace SynVid.Tests.Analysis;

public sealed class FeatureExtractorTests
{
    [Fact]
    public void RandomExtractorIsAFunctionOfItsSeedAcrossThreadCounts()
    {
        var frames = Frames(5, 90, 70, seed: 1);
        using var a = (RandomConvExtractor)FeatureExtractors.Open("random:3");
        var single = a.ExtractFrames(frames);
        Assert.Equal(256, single.Columns);
        Assert.Equal(5, single.Rows);
        float[] twoThreads;
        set_num_threads(2);
        try
        {
            using var b = new RandomConvExtractor(3);
            twoThreads = b.ExtractFrames(frames).Values;
        }
        finally
        {
            set_num_threads(1);
        }
        for (var i = 0; i < twoThreads.Length; i++)
        {
            Assert.Equal(single.Values[i], twoThreads[i], 4);
        }
        using var other = new RandomConvExtractor(4);
        Assert.NotEqual(single.Values, other.ExtractFrames(frames).Values);
        Assert.Contains(single.Values, v => v > 0);

        var clips = a.ExtractClips([Frames(16, 40, 40, seed: 2), Frames(16, 40, 40, seed: 3)]);
        Assert.Equal(2, clips.Rows);
        Assert.Equal(256, clips.Columns);
    }

    [Fact]
    public void OnnxExtractorReadsInputSizeFromMetadataAndUsesThePytorchFidScaling()
    {
        using var dir = new TempFolder();
        var weights = TinyOnnxModel.Weights(TinyOnnxModel.Channels * 27, seed: 5);
        var path = dir.File("tiny.onnx");
        File.WriteAllBytes(path, TinyOnnxModel.Build(side: 16, weights));
        using var extractor = (OnnxExtractor)FeatureExtractors.Open("onnx:" + path);
        Assert.Equal((16, 16, 4), (extractor.InputHeight, extractor.InputWidth, extractor.InputRank));
        Assert.False(extractor.SupportsClips);
        var frames = Frames(3, 40, 30, seed: 4);
        var features = extractor.ExtractFrames(frames);
        Assert.Equal((3, TinyOnnxModel.Channels), (features.Rows, features.Columns));

        // The same network in TorchSharp on the documented preprocessing.
        using var scope = NewDisposeScope();
        var x = FrameBatch.Images(frames, 16, 16).mul(2).sub(1);
        var expected = nn.functional.relu(nn.functional.conv2d(x, tensor(weights, [TinyOnnxModel.Channels, 3, 3, 3]))).mean([2, 3]).data<float>().ToArray();
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], features.Values[i], 4);
        }
    }

    [Fact]
    public void OnnxChannelsLastModelGivesTheSameFeaturesAsChannelsFirst()
    {
        using var dir = new TempFolder();
        var weights = TinyOnnxModel.Weights(TinyOnnxModel.Channels * 27, seed: 9);
        File.WriteAllBytes(dir.File("nchw.onnx"), TinyOnnxModel.Build(side: 20, weights));
        File.WriteAllBytes(dir.File("nhwc.onnx"), TinyOnnxModel.Build(side: 20, weights, channelsLast: true));
        using var nchw = new OnnxExtractor(dir.File("nchw.onnx"));
        using var nhwc = new OnnxExtractor(dir.File("nhwc.onnx"));
        Assert.Equal((20, 20), (nhwc.InputHeight, nhwc.InputWidth));
        var frames = Frames(2, 33, 33, seed: 10);
        var a = nchw.ExtractFrames(frames).Values;
        var b = nhwc.ExtractFrames(frames).Values;
        for (var i = 0; i < a.Length; i++)
        {
            Assert.Equal(a[i], b[i], 5);
        }
    }

    [Fact]
    public void OnnxClipModelComputesClipFeaturesAndBadFilesAreUserErrors()
    {
        using var dir = new TempFolder();
        var path = dir.File("clip.onnx");
        File.WriteAllBytes(path, TinyOnnxModel.Build(side: 12, TinyOnnxModel.Weights(TinyOnnxModel.Channels * 27, seed: 6), frames: 4));
        using var extractor = new OnnxExtractor(path);
        Assert.True(extractor.SupportsClips);
        Assert.Equal(4, extractor.InputFrames);
        var clips = extractor.ExtractClips([Frames(16, 20, 20, seed: 7), Frames(16, 20, 20, seed: 8)]);
        Assert.Equal((2, TinyOnnxModel.Channels), (clips.Rows, clips.Columns));
        Assert.NotEqual(clips.Values[..4], clips.Values[4..]);

        var bad = dir.File("bad.onnx");
        File.WriteAllText(bad, "not a model");
        var e = Assert.Throws<SynVid.UserInputException>(() => new OnnxExtractor(bad));
        Assert.Contains("bad.onnx", e.Message);
        Assert.Throws<SynVid.UserInputException>(() => FeatureExtractors.Open("inception:x"));
    }

    [Fact]
    public void VideoMaeExtractorReturnsTheCheckpointsClipEmbedding()
    {
        using var dir = new TempFolder();
        var config = new ClassifierConfig
        {
            Encoder = new VideoVitConfig { ImageSize = 32, PatchSize = 16, NumFrames = 4, EmbedDim = 64, Depth = 1, NumHeads = 1 },
            NumClasses = 3,
        };
        using var model = new VideoClassifier(config);
        var path = dir.File("tiny.pth");
        CheckpointWriter.Save(path, model);
        model.eval();

        using var extractor = FeatureExtractors.Open($"videomae:{path},frames=4,size=32");
        var clip = Frames(16, 32, 32, seed: 9);
        var features = extractor.ExtractClips([clip]);
        Assert.Equal(64, features.Columns);

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var picked = FrameBatch.Evenly(16, 4).Select(i => clip[i]).ToList();
        var input = SynVid.Datasets.ClipTensor.ToModelInput(picked, null, 32, SynVid.Datasets.VideoNormalization.ImageNet).unsqueeze(0);
        var expected = model.Embedding(input).data<float>().ToArray();
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], features.Values[i], 4);
        }
        var frameFeatures = extractor.ExtractFrames([clip[0], clip[1]]);
        Assert.Equal((2, 64), (frameFeatures.Rows, frameFeatures.Columns));
        var staticClip = model.Embedding(SynVid.Datasets.ClipTensor.ToModelInput([.. Enumerable.Repeat(clip[1], 4)], null, 32, SynVid.Datasets.VideoNormalization.ImageNet).unsqueeze(0));
        Assert.Equal(staticClip.data<float>()[5], frameFeatures.Values[64 + 5], 4);

        // frame=tubelet: the frame fills one tubelet of the same weights (the first slot of the positional table).
        using var tubelet = FeatureExtractors.Open($"videomae:{path},frames=4,size=32,frame=tubelet");
        var single = tubelet.ExtractFrames([clip[1]]);
        Assert.Equal(64, single.Columns);
        Assert.NotEqual(frameFeatures.Values[64..], single.Values);
        Assert.Throws<SynVid.UserInputException>(() => FeatureExtractors.Open($"videomae:{path},frame=all"));
    }

    internal static List<RgbImage> Frames(int count, int width, int height, int seed)
    {
        var rng = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ =>
        {
            var pixels = new byte[width * height * 3];
            rng.NextBytes(pixels);
            return new RgbImage(width, height, pixels);
        })];
    }
}
