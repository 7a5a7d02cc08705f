using SynVid.Datasets.Specs;
using SynVid.Datasets.SynAction;

namespace SynVid.Tests.Datasets.Specs;

public class MotionProbeTests
{
    [Fact]
    public void SplitsBySourceVideoWithEveryClassPerVideo()
    {
        using var tree = new TempTree();
        for (var i = 0; i < 20; i++)
        {
            tree.File($"home/{(i % 2 == 0 ? "garden" : "beach")}/v{i}.mp4");
        }
        tree.File("home/readme.txt");
        foreach (var task in new[] { MotionTask.ArrowOfTime, MotionTask.PlaybackSpeed })
        {
            var d = DatasetCatalog.Load(new MotionSpec(tree.Path_("home"), task));
            var classes = task == MotionTask.ArrowOfTime ? 2 : 3;
            Assert.Equal(classes, d.ClassNames.Count);
            var trainVideos = d.Train.Select(v => v.Path).ToHashSet();
            var testVideos = d.Test.Select(v => v.Path).ToHashSet();
            Assert.Empty(trainVideos.Intersect(testVideos));
            Assert.Equal(20, trainVideos.Count + testVideos.Count);
            Assert.InRange(testVideos.Count, 1, 10);
            Assert.All(d.Train.GroupBy(v => v.Path), g => Assert.Equal(Enumerable.Range(0, classes), g.Select(v => v.Label).Order()));
            // stable: the same split again
            Assert.Equal(testVideos, DatasetCatalog.Load(new MotionSpec(tree.Path_("home"), task)).Test.Select(v => v.Path).ToHashSet());
        }
        using var lonely = new TempTree();
        lonely.File("one.mp4");
        Assert.Throws<UserInputException>(() => DatasetCatalog.Load(new MotionSpec(lonely.Root, MotionTask.ArrowOfTime)));
    }

    [Fact]
    public void ClipIndicesEncodeDirectionAndSpeed()
    {
        var rng = new SplitMixRandom(MotionProbe.ClipSeed(0, 0, 5));
        var forward = MotionProbe.ClipIndices(MotionTask.ArrowOfTime, 0, 200, rng)!;
        Assert.Equal(16, forward.Length);
        Assert.All(forward.Zip(forward.Skip(1)), p => Assert.Equal(4, p.Second - p.First));
        var reversed = MotionProbe.ClipIndices(MotionTask.ArrowOfTime, 1, 200, rng)!;
        Assert.All(reversed.Zip(reversed.Skip(1)), p => Assert.Equal(-4, p.Second - p.First));
        Assert.All(forward.Concat(reversed), i => Assert.InRange(i, 0, 199));

        // short videos: the arrow-of-time stride shrinks, never pads
        var shortClip = MotionProbe.ClipIndices(MotionTask.ArrowOfTime, 0, 40, rng)!;
        Assert.Equal(16, shortClip.Distinct().Count());
        Assert.Null(MotionProbe.ClipIndices(MotionTask.ArrowOfTime, 0, 15, rng));

        for (var label = 0; label < 3; label++)
        {
            var ids = MotionProbe.ClipIndices(MotionTask.PlaybackSpeed, label, 61, rng)!;
            Assert.All(ids.Zip(ids.Skip(1)), p => Assert.Equal(MotionProbe.SpeedStrides[label], p.Second - p.First));
            Assert.All(ids, i => Assert.InRange(i, 0, 60));
        }
        Assert.Null(MotionProbe.ClipIndices(MotionTask.PlaybackSpeed, 0, 60, rng));

        // the start is random but a pure function of the seed
        var a = MotionProbe.ClipIndices(MotionTask.PlaybackSpeed, 0, 300, new SplitMixRandom(MotionProbe.ClipSeed(1, 0, 2)));
        var b = MotionProbe.ClipIndices(MotionTask.PlaybackSpeed, 0, 300, new SplitMixRandom(MotionProbe.ClipSeed(1, 0, 2)));
        Assert.Equal(a, b);
    }
}
