using SynVid.Training;

namespace SynVid.Tests.Training;

public class CosineScheduleTests
{
    // The reference: np.linspace(0, peak, W) then min + 0.5 (peak - min)(1 + cos(pi k / K)), k = 0..K-1.
    private static double Reference(double peak, double min, int warmup, int total, int step)
    {
        if (step < warmup)
        {
            return warmup == 1 ? peak : peak * step / (warmup - 1.0);
        }
        var k = step - warmup;
        var big = total - warmup;
        return min + 0.5 * (peak - min) * (1 + Math.Cos(Math.PI * k / big));
    }

    [Fact]
    public void PaperRecipeScalesTheLearningRateByBatch()
    {
        var s = CosineSchedule.FromBaseRates(3e-4, 1e-5, totalBatch: 192, warmupSteps: 1960, totalSteps: 156_849);
        Assert.Equal(2.25e-4, s.PeakLr, 12);
        Assert.Equal(7.5e-6, s.MinLr, 12);
        Assert.Equal(0.0, s.At(0));
        Assert.Equal(2.25e-4, s.At(1959), 12);
        Assert.Equal(2.25e-4, s.At(1960), 12);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(9)]
    [InlineData(10)]
    [InlineData(37)]
    [InlineData(60)]
    [InlineData(109)]
    public void MatchesTheReferenceFormula(int step)
    {
        var s = new CosineSchedule(1e-3, 1e-5, 10, 110);
        Assert.Equal(Reference(1e-3, 1e-5, 10, 110, step), s.At(step), 15);
    }

    [Fact]
    public void IsMonotoneAfterWarmupAndEndsNearTheMinimum()
    {
        var s = new CosineSchedule(1e-3, 1e-5, 10, 110);
        for (var i = 11; i < 110; i++)
        {
            Assert.True(s.At(i) <= s.At(i - 1));
        }
        Assert.True(s.At(109) - 1e-5 < 1e-6);
        Assert.Equal(s.At(109), s.At(500));
    }

    [Fact]
    public void InvalidValuesAreRejected()
    {
        Assert.Throws<UserInputException>(() => new CosineSchedule(0, 0, 0, 10).Validate());
        Assert.Throws<UserInputException>(() => new CosineSchedule(1e-3, 1e-2, 0, 10).Validate());
        Assert.Throws<UserInputException>(() => new CosineSchedule(1e-3, 0, 11, 10).Validate());
        Assert.Throws<UserInputException>(() => new CosineSchedule(double.NaN, 0, 1, 10).Validate());
    }
}
