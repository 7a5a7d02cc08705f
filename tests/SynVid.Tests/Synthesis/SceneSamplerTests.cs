using SynVid.Synthesis;

namespace SynVid.Tests.Synthesis;

public class SceneSamplerTests
{
    private static List<SceneObject> Objects(StageParameters stage, int videos, int textures = 0)
    {
        var all = new List<SceneObject>();
        for (var v = 0; v < videos; v++)
        {
            all.AddRange(SceneSampler.Sample(stage, textures, new SeededRandom(11, v)).Objects);
        }
        return all;
    }

    [Fact]
    public void SpeedDirectionAndAnchorsFollowTheReferenceDistributions()
    {
        var o = Objects(Stages.MovingShapes, 40);
        Assert.Equal(20_000, o.Count);
        Assert.All(o, x => Assert.InRange(x.Speed, 1.2, 3.0));
        Assert.InRange(o.Average(x => x.Speed), 2.08, 2.12);
        Assert.InRange(o.Count(x => x.Speed < 2.1) / (double)o.Count, 0.48, 0.52);
        Assert.All(o, x => Assert.InRange(x.Direction, 0, 2 * Math.PI));
        // Uniform direction: each quadrant holds a quarter, and the mean unit vector is near zero.
        for (var q = 0; q < 4; q++)
        {
            var share = o.Count(x => (int)(x.Direction / (Math.PI / 2)) == q) / (double)o.Count;
            Assert.InRange(share, 0.235, 0.265);
        }
        Assert.InRange(o.Average(x => Math.Cos(x.Direction)), -0.02, 0.02);
        Assert.All(o, x => Assert.InRange(x.AnchorX, 0, 511));
        Assert.All(o, x => Assert.InRange(x.AnchorY, 0, 511));
        Assert.InRange(o.Count(x => x.AnchorX >= 256 || x.AnchorY >= 256) / (double)o.Count, 0.73, 0.77);
        Assert.All(o, x => Assert.True(x.Colour.R <= 254 && x.Colour.G <= 254 && x.Colour.B <= 254));
        Assert.All(o, x => Assert.Equal(0, x.Acceleration));
        Assert.All(o, x => Assert.Equal(0, x.RotationRate));
        // Mixed shapes: uniform over six types.
        foreach (var kind in Enum.GetValues<ShapeKind>())
        {
            Assert.InRange(o.Count(x => x.Shape == kind) / (double)o.Count, 0.155, 0.178);
        }
    }

    [Fact]
    public void AccelerationAndAffineRatesCoverTheirRanges()
    {
        var o = Objects(Stages.AcceleratingShapes, 20);
        Assert.All(o, x => Assert.InRange(x.Acceleration, -0.06, 0.06));
        Assert.True(o.Min(x => x.Acceleration) < -0.058 && o.Max(x => x.Acceleration) > 0.058);
        Assert.InRange(o.Average(x => x.Acceleration), -0.002, 0.002);
        var w = Math.PI / 100;
        Assert.All(o, x => Assert.InRange(x.RotationRate, -w, w));
        Assert.True(o.Max(x => Math.Abs(x.RotationRate)) > 0.97 * w);
        Assert.All(o, x => Assert.InRange(Math.Max(Math.Abs(x.ScaleRate.X), Math.Abs(x.ScaleRate.Y)), 0, 0.005));
        Assert.All(o, x => Assert.InRange(Math.Max(Math.Abs(x.ShearRate.X), Math.Abs(x.ShearRate.Y)), 0, 0.005));
        Assert.True(o.Max(x => x.ScaleRate.X) > 0.0049 && o.Min(x => x.ShearRate.Y) < -0.0049);
        // Uniform rates: a quarter of them below −max/2.
        Assert.InRange(o.Count(x => x.ScaleRate.Y < -0.0025) / (double)o.Count, 0.23, 0.27);
    }

    [Fact]
    public void StagesSwitchOnlyTheirOwnAspect()
    {
        var stat = Objects(Stages.StaticCircles, 2);
        Assert.All(stat, x => Assert.Equal(ShapeKind.Circle, x.Shape));
        Assert.All(stat, x => Assert.Equal(0, x.Speed));
        var moving = Objects(Stages.MovingCircles, 2);
        // Same seed: anchors and radii are shared across stages; only the switched aspect changes.
        Assert.Equal(stat.Select(x => (x.AnchorX, x.AnchorY, x.Radius)), moving.Select(x => (x.AnchorX, x.AnchorY, x.Radius)));
        Assert.All(moving, x => Assert.InRange(x.Speed, 1.2, 3.0));
        var slow = Objects(Stages.MovingCircles with { SpeedFactor = 0.5 }, 2);
        Assert.All(slow, x => Assert.InRange(x.Speed, 0.6, 1.5));
    }

    [Fact]
    public void DurationsFollowTheModeOfEachStage()
    {
        var onTheFly = Enumerable.Range(0, 3000).Select(i => SceneSampler.Sample(Stages.MovingCircles with { ObjectCount = 0 }, 0, new SeededRandom(5, i)).FrameCount).ToList();
        Assert.Equal(100, onTheFly.Min());
        Assert.Equal(200, onTheFly.Max());
        var offline = Enumerable.Range(0, 3000).Select(i => SceneSampler.Sample(Stages.AcceleratingImageCrops with { ObjectCount = 0 }, 5, new SeededRandom(5, i)).FrameCount).ToList();
        Assert.Equal(100, offline.Min());
        Assert.Equal(199, offline.Max());
    }

    [Fact]
    public void TexturedObjectsAreBlackAndUseEveryTextureUnlessTheQuirkIsOn()
    {
        var o = Objects(Stages.AcceleratingTextures, 2, textures: 5);
        Assert.All(o, x => Assert.Equal(((byte)0, (byte)0, (byte)0), x.Colour));
        Assert.Equal([0, 1, 2, 3, 4], o.Select(x => x.TextureId).Distinct().Order());
        Assert.All(o, x => Assert.Equal((0, 0), x.CropOffset));
        var quirk = Objects(Stages.AcceleratingTextures with { ExcludeLastTexture = true }, 2, textures: 5);
        Assert.Equal([0, 1, 2, 3], quirk.Select(x => x.TextureId).Distinct().Order());
        var random = Objects(Stages.AcceleratingTextures with { CropOrigin = CropOrigin.UniformRandom }, 1, textures: 5);
        Assert.All(random, x => Assert.InRange(x.CropOffset.X, 0, 512 - 2 * x.Radius));
        Assert.Contains(random, x => x.CropOffset.X > 0);
        var pool = Objects(Stages.AcceleratingTextures with { TexturePoolSize = 2 }, 1, textures: 5);
        Assert.Equal([0, 1], pool.Select(x => x.TextureId).Distinct().Order());
    }

    [Fact]
    public void OutOfRangeParametersNameTheField()
    {
        var e = Assert.Throws<UserInputException>(() => (Stages.MovingCircles with { Resolution = 3 }).Validated());
        Assert.Contains("resolution", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<UserInputException>(() => (Stages.MovingCircles with { StaticImageRatio = 1.5 }).Validated());
        Assert.Contains("staticImageRatio", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<UserInputException>(() => Stages.ByName("flying-saucers"));
        Assert.Contains("moving-circles", e.Message, StringComparison.Ordinal);
    }
}
