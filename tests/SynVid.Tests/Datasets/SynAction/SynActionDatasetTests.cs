using SynVid.Datasets.SynAction;
using SynVid.Video;

namespace SynVid.Tests.Datasets.SynAction;

public class SynActionDatasetTests
{
    private static readonly SynActionConfig _small = new(Width: 96, Height: 72, MinFrames: 16, MaxFrames: 24, TrainPerClass: 4, TestPerClass: 2);

    [Fact]
    public void RenderingIsAPureFunctionOfSplitSeedAndIndex()
    {
        var a = new SynActionDataset(_small);
        var b = new SynActionDataset(_small);
        var full = a.Render(SynActionSplit.Train, 7);
        var again = b.Render(SynActionSplit.Train, 7);
        Assert.Equal(full.Length, again.Length);
        Assert.All(full.Zip(again), p => Assert.True(p.First.PixelsEqual(p.Second)));

        // a subset of frames, in any order, equals the same frames of the full render
        var some = a.Render(SynActionSplit.Train, 7, [5, 0, 5, full.Length - 1]);
        Assert.True(some[0].PixelsEqual(full[5]));
        Assert.True(some[1].PixelsEqual(full[0]));
        Assert.True(some[2].PixelsEqual(full[5]));
        Assert.True(some[3].PixelsEqual(full[^1]));

        // rendering on several threads gives the same pixels
        var parallel = new RgbImage[6][];
        Parallel.For(0, parallel.Length, i => parallel[i] = a.Render(SynActionSplit.Test, i));
        for (var i = 0; i < parallel.Length; i++)
        {
            var sequential = b.Render(SynActionSplit.Test, i);
            Assert.All(sequential.Zip(parallel[i]), p => Assert.True(p.First.PixelsEqual(p.Second)));
        }

        // another seed gives other videos
        var other = new SynActionDataset(_small with { Seed = 1 }).Render(SynActionSplit.Train, 7);
        Assert.False(other[0].PixelsEqual(full[0]));
    }

    [Fact]
    public void SplitsAreDisjoint()
    {
        var dataset = new SynActionDataset(new SynActionConfig());
        var keys = new HashSet<ulong>();
        var total = 0;
        foreach (var split in Enum.GetValues<SynActionSplit>())
        {
            for (var i = 0; i < dataset.Count(split); i++)
            {
                keys.Add(dataset.Key(split, i));
                total++;
            }
        }
        Assert.Equal(total, keys.Count);

        // and the videos themselves differ: no test video starts like the training video of the same index
        var small = new SynActionDataset(_small);
        for (var i = 0; i < small.Count(SynActionSplit.Test); i++)
        {
            var train = small.Render(SynActionSplit.Train, i, [0])[0];
            var test = small.Render(SynActionSplit.Test, i, [0])[0];
            Assert.False(train.PixelsEqual(test));
            Assert.NotEqual(small.Scene(SynActionSplit.Train, i).StartX, small.Scene(SynActionSplit.Test, i).StartX);
        }
    }

    [Fact]
    public void TheNovelBackgroundSplitUsesOnlyHeldOutBackgrounds()
    {
        var dataset = new SynActionDataset(new SynActionConfig());
        Assert.Empty(BackgroundPainter.SeenStyles.Intersect(BackgroundPainter.HeldOutStyles));
        var train = Enumerable.Range(0, dataset.Count(SynActionSplit.Train)).Select(i => dataset.Scene(SynActionSplit.Train, i).Background).ToHashSet();
        var test = Enumerable.Range(0, dataset.Count(SynActionSplit.Test)).Select(i => dataset.Scene(SynActionSplit.Test, i).Background).ToHashSet();
        var novel = Enumerable.Range(0, dataset.Count(SynActionSplit.TestNovelBackgrounds))
            .Select(i => dataset.Scene(SynActionSplit.TestNovelBackgrounds, i).Background).ToHashSet();
        Assert.Equal(BackgroundPainter.SeenStyles.ToHashSet(), train);
        Assert.Equal(BackgroundPainter.SeenStyles.ToHashSet(), test);
        Assert.Equal(BackgroundPainter.HeldOutStyles.ToHashSet(), novel);
    }

    [Fact]
    public void EveryActionIsPresentAndBalanced()
    {
        var dataset = new SynActionDataset(new SynActionConfig());
        Assert.Equal(10, dataset.ClassNames.Count);
        Assert.Equal(dataset.ClassNames.Count, dataset.ClassNames.Distinct().Count());
        foreach (var split in Enum.GetValues<SynActionSplit>())
        {
            var counts = new int[dataset.ClassNames.Count];
            for (var i = 0; i < dataset.Count(split); i++)
            {
                var label = dataset.Label(split, i);
                counts[label]++;
                Assert.Equal((ActionKind)label, dataset.Scene(split, i).Action.Kind);
            }
            var expected = split == SynActionSplit.Train ? dataset.Config.TrainPerClass : dataset.Config.TestPerClass;
            Assert.All(counts, c => Assert.Equal(expected, c));
        }
    }

    [Fact]
    public void ActionsAreRecognisableFromJointMotionAlone()
    {
        // nearest class-mean on joint-trajectory statistics: the actions must differ in how the body moves,
        // consistently across bodies, tempos, amplitudes and facings
        var dataset = new SynActionDataset(new SynActionConfig(TrainPerClass: 30, TestPerClass: 20));
        var classes = dataset.ClassNames.Count;
        var train = Enumerable.Range(0, dataset.Count(SynActionSplit.Train)).Select(i => MotionFeatures(dataset.Scene(SynActionSplit.Train, i))).ToArray();
        var dims = train[0].Length;
        var mean = new double[dims];
        var std = new double[dims];
        for (var d = 0; d < dims; d++)
        {
            mean[d] = train.Average(f => f[d]);
            std[d] = Math.Sqrt(train.Average(f => (f[d] - mean[d]) * (f[d] - mean[d]))) + 1e-6;
        }
        double[] Standardise(double[] f) => f.Select((v, d) => (v - mean[d]) / std[d]).ToArray();
        var centroids = new double[classes][];
        for (var c = 0; c < classes; c++)
        {
            var members = train.Where((_, i) => dataset.Label(SynActionSplit.Train, i) == c).Select(Standardise).ToArray();
            centroids[c] = Enumerable.Range(0, dims).Select(d => members.Average(m => m[d])).ToArray();
        }
        // class mean trajectories are pairwise far apart
        for (var a = 0; a < classes; a++)
        {
            for (var b = a + 1; b < classes; b++)
            {
                Assert.True(Distance(centroids[a], centroids[b]) > 1.0, $"{dataset.ClassNames[a]} and {dataset.ClassNames[b]} move alike");
            }
        }
        var correct = 0;
        var n = dataset.Count(SynActionSplit.Test);
        for (var i = 0; i < n; i++)
        {
            var f = Standardise(MotionFeatures(dataset.Scene(SynActionSplit.Test, i)));
            var predicted = Enumerable.Range(0, classes).MinBy(c => Distance(f, centroids[c]));
            correct += predicted == dataset.Label(SynActionSplit.Test, i) ? 1 : 0;
        }
        Assert.True(correct >= 0.9 * n, $"nearest class mean got {correct}/{n}");
    }

    [Fact]
    public void FramesHaveTheConfiguredSizeLengthAndKeepTheFigureInView()
    {
        var config = new SynActionConfig();
        var dataset = new SynActionDataset(config);
        for (var i = 0; i < 200; i++)
        {
            var scene = dataset.Scene(SynActionSplit.Train, i);
            Assert.InRange(scene.FrameCount, config.MinFrames, config.MaxFrames);
            var inView = 0;
            for (var t = 0; t < scene.FrameCount; t++)
            {
                var j = scene.JointsAt(t);
                if (j.Pelvis.X >= 0 && j.Pelvis.X < scene.Width && j.Head.X >= 0 && j.Head.X < scene.Width && j.Head.Y >= 0 && j.AnkleNear.Y <= scene.Height)
                {
                    inView++;
                }
                Assert.InRange(Math.Max(j.AnkleNear.Y, j.AnkleFar.Y), 0, scene.GroundY + 1);
            }
            Assert.True(inView >= 0.95 * scene.FrameCount, $"video {i} ({scene.Action.Kind}): figure in view in {inView}/{scene.FrameCount} frames");
        }
        var frames = new SynActionDataset(_small).Render(SynActionSplit.Train, 1);
        Assert.InRange(frames.Length, _small.MinFrames, _small.MaxFrames);
        Assert.All(frames, f => Assert.Equal((96, 72), (f.Width, f.Height)));
        // the figure moves: consecutive frames differ, and frames are not flat
        Assert.False(frames[0].PixelsEqual(frames[^1]));
        Assert.True(frames[0].Pixels.Distinct().Count() > 16);
    }

    [Fact]
    public void InvalidConfigurationsNameTheField()
    {
        var e = Assert.Throws<UserInputException>(() => new SynActionDataset(new SynActionConfig(MinFrames: 10, MaxFrames: 5)));
        Assert.Contains("frame range", e.Message);
        Assert.Throws<UserInputException>(() => new SynActionDataset(new SynActionConfig(Width: 8)));
    }

    private static double Distance(double[] a, double[] b) => Math.Sqrt(a.Zip(b).Sum(p => (p.First - p.Second) * (p.First - p.Second)));

    // Per joint (relative to the pelvis, in figure heights, mirrored to face +x): mean and standard deviation of x and
    // y over the video; plus the pelvis's vertical spread and the travel speed.
    private static double[] MotionFeatures(SynActionScene scene)
    {
        var T = scene.FrameCount;
        var joints = Enumerable.Range(0, T).Select(t => scene.JointsAt(t).ToArray()).ToArray();
        var features = new List<double>();
        for (var j = 1; j < FigureJoints.Count; j++)
        {
            var xs = joints.Select(f => scene.Facing * (f[j].X - f[0].X) / scene.FigureHeight).ToArray();
            var ys = joints.Select(f => (f[j].Y - f[0].Y) / scene.FigureHeight).ToArray();
            features.Add(xs.Average());
            features.Add(ys.Average());
            features.Add(Std(xs));
            features.Add(Std(ys));
        }
        features.Add(Std(joints.Select(f => (double)f[0].Y / scene.FigureHeight).ToArray()));
        features.Add(Math.Abs(scene.TravelAt(T - 1)) / scene.FigureHeight / T);
        return features.ToArray();
    }

    private static double Std(double[] v)
    {
        var m = v.Average();
        return Math.Sqrt(v.Average(x => (x - m) * (x - m)));
    }
}
