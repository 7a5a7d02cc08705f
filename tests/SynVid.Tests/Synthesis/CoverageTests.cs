using SynVid.Synthesis;

namespace SynVid.Tests.Synthesis;

public class CoverageTests
{
    /// <summary>Mean fraction of pure-black pixels at frames 0, 60, 136, 199 over <paramref name="videos"/> videos.</summary>
    private static double[] BlackFraction(StageParameters stage, int videos)
    {
        var set = new SyntheticVideoSet(stage, null, seed: 2, count: videos);
        var renderer = new FrameRenderer(stage.Resolution);
        int[] times = [0, 60, 136, 199];
        var result = new double[times.Length];
        for (var v = 0; v < videos; v++)
        {
            var scene = set.Scene(v);
            for (var k = 0; k < times.Length; k++)
            {
                var px = renderer.Render(scene, times[k], null).Pixels;
                var black = 0;
                for (var i = 0; i < px.Length; i += 3)
                {
                    black += px[i] == 0 && px[i + 1] == 0 && px[i + 2] == 0 ? 1 : 0;
                }
                result[k] += black / (px.Length / 3.0) / videos;
            }
        }
        return result;
    }

    [Fact]
    public void BlackFractionOverTimeFollowsTheReferenceMeasurements()
    {
        // docs/reference-behaviour.md §2.10 (6 videos each): static 0 throughout; moving circles 0 → 0.017; moving shapes
        // 0.025 → 0.111; accelerating + affine shapes 0.052 → 0.322. Bounds allow for 12-video sampling noise.
        Assert.All(BlackFraction(Stages.StaticCircles, 12), f => Assert.True(f < 0.002, $"static {f}"));
        var circles = BlackFraction(Stages.MovingCircles, 12);
        Assert.True(circles[0] < 0.005 && circles[1] < 0.01 && circles[2] < 0.03 && circles[3] < 0.12, string.Join(" ", circles));
        var shapes = BlackFraction(Stages.MovingShapes, 12);
        Assert.InRange(shapes[0], 0.01, 0.08);
        Assert.InRange(shapes[3], 0.05, 0.3);
        var acc = BlackFraction(Stages.AcceleratingShapes, 12);
        Assert.InRange(acc[0], 0.01, 0.1);
        Assert.InRange(acc[3], 0.15, 0.5);
        // Objects drift off the canvas: late frames have more black than early ones.
        Assert.True(shapes[3] > shapes[0] && acc[3] > acc[0]);
    }
}
