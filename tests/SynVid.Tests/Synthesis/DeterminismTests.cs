using SynVid.Synthesis;
using SynVid.Video;

namespace SynVid.Tests.Synthesis;

public class DeterminismTests
{
    private static readonly StageParameters Small = Stages.AcceleratingShapes with { Resolution = 64, ObjectCount = 60 };

    private static void AssertSameClips(IReadOnlyList<SyntheticClip> a, IReadOnlyList<SyntheticClip> b)
    {
        Assert.Equal(a.Count, b.Count);
        for (var i = 0; i < a.Count; i++)
        {
            Assert.Equal(a[i].Index, b[i].Index);
            Assert.Equal(a[i].FrameIndices, b[i].FrameIndices);
            Assert.All(a[i].Frames.Zip(b[i].Frames), f => Assert.True(f.First.PixelsEqual(f.Second)));
        }
    }

    [Fact]
    public void ClipsAreIdenticalAcrossThreadCountsAndOrder()
    {
        using var source = new OnTheFlyClipSource(Small, null, seed: 3, new ClipSampling { Frames = 4 });
        var serial = source.Stream(epoch: 1, start: 0, count: 12, parallelism: 1, capacity: 1).ToList();
        var parallel = source.Stream(epoch: 1, start: 0, count: 12, parallelism: 4, capacity: 3).ToList();
        AssertSameClips(serial, parallel);
        // Reverse order, one at a time, from a fresh source.
        using var fresh = new OnTheFlyClipSource(Small, null, seed: 3, new ClipSampling { Frames = 4 });
        var reversed = Enumerable.Range(0, 12).Reverse().Select(i => fresh.Get(1, i)).Reverse().ToList();
        AssertSameClips(serial, reversed);
        Assert.Equal(Enumerable.Range(0, 12), serial.Select(c => c.Index));
    }

    [Fact]
    public void DifferentIndexEpochOrSeedGivesADifferentVideo()
    {
        using var source = new OnTheFlyClipSource(Small, null, seed: 3);
        var a = source.Get(0, 5).Frames[0];
        Assert.False(a.PixelsEqual(source.Get(0, 6).Frames[0]));
        Assert.False(a.PixelsEqual(source.Get(1, 5).Frames[0]));
        using var other = new OnTheFlyClipSource(Small, null, seed: 4);
        Assert.False(a.PixelsEqual(other.Get(0, 5).Frames[0]));
    }

    [Fact]
    public void OfflineVideosAreAPureFunctionOfSeedAndIndex()
    {
        var textures = new PatternTextures(7, 128);
        var stage = Stages.AcceleratingImageCrops with { Resolution = 64, ObjectCount = 40 };
        var set = new SyntheticVideoSet(stage, textures, seed: 9, count: 10);
        var first = set.Frames(4, new FrameRenderer(64), frames: 5).ToList();
        var renderer = new FrameRenderer(64);
        // Render other videos in between with the same renderer; video 4 must not change (no shared state, Q6).
        _ = set.Frames(7, renderer, frames: 3).ToList();
        var again = set.Frames(4, renderer, frames: 5).ToList();
        Assert.All(first.Zip(again), f => Assert.True(f.First.PixelsEqual(f.Second)));
        var threads = Enumerable.Range(0, 4).AsParallel().Select(_ => set.Frames(4, new FrameRenderer(64), frames: 5).ToList()).ToList();
        Assert.All(threads, t => Assert.All(first.Zip(t), f => Assert.True(f.First.PixelsEqual(f.Second))));
        Assert.False(first[0].PixelsEqual(set.Frames(5, renderer, frames: 1).Single()));
    }

    [Fact]
    public void ClipFramesFollowTheTsnRule()
    {
        var clips = new ClipSampling();
        var rng = new SeededRandom(1);
        var starts = new List<int>();
        for (var i = 0; i < 2000; i++)
        {
            var ids = clips.FrameIndices(100, rng);
            Assert.Equal(16, ids.Length);
            Assert.All(ids.Zip(ids.Skip(1)), p => Assert.Equal(4, p.Second - p.First));
            starts.Add(ids[0]);
        }
        // D = 100: start ∈ [0, D − 64] = [0, 36], the whole range reached.
        Assert.Equal(0, starts.Min());
        Assert.Equal(36, starts.Max());
        Assert.Equal([0, 4, 8, 9], new ClipSampling { Frames = 4 }.FrameIndices(10, rng)[..3].Append(9));
    }

    [Fact]
    public void StaticStageRepeatsFrameZero()
    {
        using var source = new OnTheFlyClipSource(Stages.StaticCircles with { Resolution = 64 }, null, seed: 1);
        var clip = source.Get(0, 0);
        Assert.All(clip.Frames, f => Assert.True(f.PixelsEqual(clip.Frames[0])));
        var set = new SyntheticVideoSet(Stages.StaticCircles with { Resolution = 64 }, null, 1, 1);
        var frames = set.Frames(0, new FrameRenderer(64), frames: 30).ToList();
        Assert.All(frames, f => Assert.True(f.PixelsEqual(frames[0])));
        var moving = new SyntheticVideoSet(Stages.MovingCircles with { Resolution = 64 }, null, 1, 1).Frames(0, new FrameRenderer(64), frames: 30).ToList();
        Assert.False(moving[0].PixelsEqual(moving[29]));
    }

    [Fact]
    public void StaticImageVideosTakeTheLastIndicesOfEachEpoch()
    {
        var textures = new PatternTextures(4, 32);
        var stage = Stages.AcceleratingShapes with { Resolution = 32, ObjectCount = 5, StaticImageRatio = 0.05 };
        using var source = new OnTheFlyClipSource(stage, textures, seed: 1, new ClipSampling { Frames = 3, EpochSize = 100 });
        Assert.True(SyntheticVideoSet.IsStaticImage(0.05, 95, 100));
        Assert.False(SyntheticVideoSet.IsStaticImage(0.05, 94, 100));
        Assert.True(SyntheticVideoSet.IsStaticImage(0.05, 9537 - 477, 9537));
        Assert.False(SyntheticVideoSet.IsStaticImage(0.05, 9537 - 478, 9537));
        var clip = source.Get(0, 97);
        var image = clip.Frames[0];
        Assert.All(clip.Frames, f => Assert.True(f.PixelsEqual(image)));
        // The whole frame is a pool image: its texels follow the pattern at every pixel.
        var o = image.Offset(31, 5);
        Assert.Equal((32, 6), (image.Pixels[o], image.Pixels[o + 1]));
    }
}
