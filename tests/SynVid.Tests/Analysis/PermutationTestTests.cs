using SynVid.Analysis.Metrics;

namespace SynVid.Tests.Analysis;

public sealed class PermutationTestTests
{
    private static double[] Order(int n) => [.. Enumerable.Range(0, n).Select(i => (double)i)];

    [Fact]
    public void APerfectTrendOverFourArmsHasPOneOverTwentyFour()
    {
        // only the observed order reaches ρ = 1 among the 4! = 24; ρ = −1 (the reverse) also counts two-sided
        var test = PermutationTest.Spearman(Order(4), [10, 20, 25, 30]);
        Assert.Equal(1.0, test.Rho, 12);
        Assert.True(test.Exact);
        Assert.Equal(24, test.Permutations);
        Assert.Equal(1.0 / 24, test.POneSided, 12);
        Assert.Equal(2.0 / 24, test.PTwoSided, 12);
    }

    [Fact]
    public void ThreeArmsMatchTheHandCountedDistribution()
    {
        // the six orders of (1, 2, 3) against (1, 2, 3) have ρ = 1, ½, ½, −½, −½, −1
        var half = PermutationTest.Spearman(Order(3), [1, 3, 2]);
        Assert.Equal(0.5, half.Rho, 12);
        Assert.Equal(3.0 / 6, half.POneSided, 12);
        Assert.Equal(1.0, half.PTwoSided, 12);
        var reversed = PermutationTest.Spearman(Order(3), [3, 2, 1]);
        Assert.Equal(1.0, reversed.POneSided, 12);
        Assert.Equal(2.0 / 6, reversed.PTwoSided, 12);
    }

    [Fact]
    public void TiesKeepTheirAverageRanks()
    {
        // y ranks (1, 2.5, 2.5, 4): of the 24 orders only the observed one and the one swapping the tied pair reach
        // its ρ: 2 of 24 one-sided
        var test = PermutationTest.Spearman(Order(4), [1, 2, 2, 3]);
        Assert.Equal(Correlation.Spearman(Order(4), [1, 2, 2, 3]), test.Rho, 12);
        Assert.Equal(2.0 / 24, test.POneSided, 12);
    }

    [Fact]
    public void NineArmsAreExactAndTenAreASeededSample()
    {
        var nine = PermutationTest.Spearman(Order(9), Order(9));
        Assert.True(nine.Exact);
        Assert.Equal(362_880, nine.Permutations);
        Assert.Equal(1.0 / 362_880, nine.POneSided, 15);

        var ten = PermutationTest.Spearman(Order(10), Order(10), permutations: 20_000, seed: 5);
        Assert.False(ten.Exact);
        Assert.Equal(20_000, ten.Permutations);
        // 10! orders, one reaching ρ = 1: a sample almost surely has no other, so p = 1/(1 + 20,000)
        Assert.Equal(1.0 / 20_001, ten.POneSided, 12);
        var rng = new Random(2);
        var noise = Enumerable.Range(0, 10).Select(_ => rng.NextDouble()).ToArray();
        var a = PermutationTest.Spearman(Order(10), noise, permutations: 5_000, seed: 1);
        Assert.Equal(a, PermutationTest.Spearman(Order(10), noise, permutations: 5_000, seed: 1));
        Assert.InRange(a.POneSided, 0.0, 1.0);
        if (a.Rho >= 0)
        {
            // {|ρ*| ≥ ρ} holds {ρ* ≥ ρ}
            Assert.True(a.PTwoSided >= a.POneSided);
        }
    }

    [Fact]
    public void AConstantVariableHasNoTest()
    {
        var test = PermutationTest.Spearman(Order(4), [5, 5, 5, 5]);
        Assert.True(double.IsNaN(test.Rho));
        Assert.True(double.IsNaN(test.POneSided));
    }
}
