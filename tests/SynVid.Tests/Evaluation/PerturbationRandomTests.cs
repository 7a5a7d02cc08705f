using SynVid.Evaluation.Perturbations;

namespace SynVid.Tests.Evaluation;

public class PerturbationRandomTests
{
    [Fact]
    public void KeyDependsOnEveryPartOfTheIdentity()
    {
        var keys = new[]
        {
            PerturbationRandom.DeriveKey(0, 0, "jumble", 1),
            PerturbationRandom.DeriveKey(1, 0, "jumble", 1),
            PerturbationRandom.DeriveKey(0, 1, "jumble", 1),
            PerturbationRandom.DeriveKey(0, 0, "freeze", 1),
            PerturbationRandom.DeriveKey(0, 0, "jumble", 2),
        };
        Assert.Equal(keys.Length, keys.Distinct().Count());
        Assert.Equal(keys[0], PerturbationRandom.DeriveKey(0, 0, "jumble", 1));
    }

    [Fact]
    public void StreamsAreDeterministicAndForksIndependent()
    {
        var a = PerturbationRandom.For(3, 4, "rotate", 2);
        var b = PerturbationRandom.For(3, 4, "rotate", 2);
        Assert.Equal(Enumerable.Range(0, 10).Select(_ => a.NextUInt64()), Enumerable.Range(0, 10).Select(_ => b.NextUInt64()));
        // A fork depends only on the parent's key and the index, not on draws made before.
        Assert.Equal(a.Fork(5).NextUInt64(), PerturbationRandom.For(3, 4, "rotate", 2).Fork(5).NextUInt64());
        Assert.NotEqual(a.Fork(5).NextUInt64(), a.Fork(6).NextUInt64());
    }

    [Fact]
    public void DrawsCoverTheirRangesUniformly()
    {
        var r = new PerturbationRandom(42);
        var counts = new int[15];
        for (var i = 0; i < 150_000; i++)
        {
            counts[r.NextInt(-7, 7) + 7]++;
        }
        Assert.All(counts, c => Assert.InRange(c, 9_500, 10_500));
        var gaussians = Enumerable.Range(0, 100_000).Select(_ => r.NextGaussian()).ToArray();
        Assert.InRange(gaussians.Average(), -0.015, 0.015);
        Assert.InRange(Math.Sqrt(gaussians.Select(g => g * g).Average()), 0.99, 1.01);
    }
}
