using SynVid.Datasets;
using SynVid.Datasets.Sampling;

namespace SynVid.Tests.Datasets.Sampling;

public class ClipSamplingTests
{
    [Fact]
    public void TrainingWindowFollowsTheReferenceLinspace()
    {
        // T = 300, stride 4, end = 100: start 36, floor(linspace(36, 100, 16)) with the last value clipped to 99
        Assert.Equal([36, 40, 44, 48, 53, 57, 61, 65, 70, 74, 78, 82, 87, 91, 95, 99], ReferenceClipSampling.WindowIndices(16, 4, 100));
        // stride 2 (HMDB51): L = 32, end 40 → linspace(8, 40, 16), step 32/15
        Assert.Equal([8, 10, 12, 14, 16, 18, 20, 22, 25, 27, 29, 31, 33, 35, 37, 39], ReferenceClipSampling.WindowIndices(16, 2, 40));
    }

    [Fact]
    public void TrainingWindowEndIsUniformOverLToTMinusOne()
    {
        var rng = new Random(1);
        var ends = new HashSet<int>();
        for (var i = 0; i < 3000; i++)
        {
            var ids = ReferenceClipSampling.TrainIndices(80, 16, 4, rng);
            Assert.Equal(16, ids.Length);
            var end = ids[^1] + 1;
            Assert.Equal(ReferenceClipSampling.WindowIndices(16, 4, end), ids);
            ends.Add(end);
        }
        Assert.Equal(Enumerable.Range(64, 80 - 64).ToHashSet(), ends);
    }

    [Fact]
    public void VideosNoLongerThanTheWindowAreSpreadAndPadded()
    {
        // T = 30, stride 4: linspace(0, 30, 7) = 0, 5, ..., 30, padded with 30, clipped to 29
        Assert.Equal([0, 5, 10, 15, 20, 25, 29, 29, 29, 29, 29, 29, 29, 29, 29, 29], ReferenceClipSampling.ShortVideoIndices(30, 16, 4));
        // T = L = 64 takes the short path: linspace(0, 64, 16)
        Assert.Equal([0, 4, 8, 12, 17, 21, 25, 29, 34, 38, 42, 46, 51, 55, 59, 63], ReferenceClipSampling.TrainIndices(64, 16, 4, new Random(0)));
        // fewer frames than the stride: all padding
        Assert.Equal(Enumerable.Repeat(1, 16), ReferenceClipSampling.ShortVideoIndices(2, 16, 4));
        // T = 5, stride 4: linspace(0, 5, 1) = [0], then 15 × 4
        Assert.Equal(new[] { 0 }.Concat(Enumerable.Repeat(4, 15)), ReferenceClipSampling.ShortVideoIndices(5, 16, 4));
    }

    [Fact]
    public void TestViewsCutConsecutiveBufferFramesAndCropAlongTheLongSide()
    {
        var views = new EvaluationViews(Stride: 4).Test(videoLength: 250, width: 320, height: 240, clips: 5, crops: 3);
        Assert.Equal(15, views.Count);
        // buffer 0, 4, ..., 248 (63 frames); starts ⌊k·(63 − 16)/4⌋ = 0, 11, 23, 35, 47
        Assert.Equal([0, 11, 23, 35, 47], views.Where(v => v.Crop == 0).Select(v => v.Frames[0] / 4));
        Assert.All(views, v => Assert.Equal(Enumerable.Range(v.Frames[0] / 4, 16).Select(i => 4 * i), v.Frames));
        // UCF101 320 × 240 → 298 × 224, crops at 0, 37, 74
        Assert.All(views, v => Assert.Equal((298, 224), (v.ResizedWidth, v.ResizedHeight)));
        Assert.Equal([0, 37, 74], views.Take(3).Select(v => v.Box.X));
        Assert.All(views, v => Assert.Equal((0, 224, 224), (v.Box.Y, v.Box.Width, v.Box.Height)));
        Assert.Equal(Enumerable.Range(0, 15).Select(i => (i / 3, i % 3)), views.Select(v => (v.Clip, v.Crop)));
    }

    [Fact]
    public void ShortVideosGiveRepeatedTestClipsAndPortraitFramesCropVertically()
    {
        // T = 40, stride 4: buffer 0..36 (10 frames) padded with 36 to 16; every clip starts at 0
        var views = new EvaluationViews(Stride: 4).Test(40, 320, 240, clips: 5, crops: 3);
        var expected = Enumerable.Range(0, 10).Select(i => 4 * i).Concat(Enumerable.Repeat(36, 6));
        Assert.All(views, v => Assert.Equal(expected, v.Frames));

        // HMDB51 stride 2, 10 × 3 views, a portrait 240 × 320 video of 100 frames
        var portrait = new EvaluationViews(Stride: 2).Test(100, 240, 320, clips: 10, crops: 3);
        Assert.Equal(30, portrait.Count);
        Assert.Equal([0, 37, 74], portrait.Take(3).Select(v => v.Box.Y));
        Assert.All(portrait, v => Assert.Equal(0, v.Box.X));
        // buffer of 50; step (50 − 16)/9 = 3.78 → starts 0, 3, 7, 11, 15, 18, 22, 26, 30, 34
        Assert.Equal([0, 3, 7, 11, 15, 18, 22, 26, 30, 34], portrait.Where(v => v.Crop == 0).Select(v => v.Frames[0] / 2));
    }

    [Fact]
    public void ResizeAndCropGeometryMatchesTheReference()
    {
        Assert.Equal((298, 224), ViewGeometry.ShortSideResize(320, 240, 224));
        Assert.Equal((224, 298), ViewGeometry.ShortSideResize(240, 320, 224));
        Assert.Equal((224, 224), ViewGeometry.ShortSideResize(256, 256, 224));
        Assert.Equal((398, 224), ViewGeometry.ShortSideResize(640, 360, 224));
        // centre crop rounds halves to even, as Python's round: (299 − 224)/2 = 37.5 → 38; (297 − 224)/2 = 36.5 → 36
        Assert.Equal(new CropBox(37, 0, 224, 224), ViewGeometry.CenterCrop(298, 224, 224));
        Assert.Equal(new CropBox(38, 0, 224, 224), ViewGeometry.CenterCrop(299, 224, 224));
        Assert.Equal(new CropBox(36, 0, 224, 224), ViewGeometry.CenterCrop(297, 224, 224));
        // square frames: every test crop is the whole frame
        Assert.All(Enumerable.Range(0, 3), j => Assert.Equal(new CropBox(0, 0, 224, 224), ViewGeometry.TestCrop(224, 224, 224, j, 3)));
        // one clip / one crop (the reference divides by zero): centred
        Assert.Equal(new CropBox(37, 0, 224, 224), ViewGeometry.TestCrop(298, 224, 224, 0, 1));
        Assert.Equal(23, ReferenceClipSampling.TestClipStart(63, 16, 0, 1));
        var val = new EvaluationViews().Validation(300, 320, 240, new Random(2));
        Assert.Equal(new CropBox(37, 0, 224, 224), val.Box);
        Assert.Equal(16, val.Frames.Length);
    }
}
