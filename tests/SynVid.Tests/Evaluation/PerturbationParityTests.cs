using SynVid.Evaluation.Perturbations;
using SynVid.Video;

namespace SynVid.Tests.Evaluation;

/// <summary>
/// Parity with the reference's outputs (tests/fixtures/perturbations, frames 0 and 7 of a 224² clip).
/// Tolerances per type: JPEG ≥ 60 dB PSNR (measured: identical); defocus and zoom blur at most one grey level and at
/// most 0.01% of channel values off (measured: one value off at defocus severity 2, rounding at an exact .0 boundary
/// after OpenCV's DFT filter); static rotation at most 0.01% of channel values differ (measured: identical).
/// </summary>
public class PerturbationParityTests
{
    public static TheoryData<int> FiveLevels => new() { 1, 2, 3, 4, 5 };

    public static TheoryData<int> SixLevels => new() { 1, 2, 3, 4, 5, 6 };

    private static (RgbImage[] Expected, RgbImage[] Actual) Run(ISpatialPerturbation p, int severity)
    {
        var expected = PerturbationFixtures.Output(p.Key, severity);
        var actual = p.Apply(PerturbationFixtures.FixtureInputFrames(), severity, PerturbationRandom.For(1, 0, p.Key, severity));
        return (expected, actual);
    }

    [Theory]
    [MemberData(nameof(FiveLevels))]
    public void JpegMatchesReferenceWithinPsnrBound(int severity)
    {
        var (e, a) = Run(new JpegCompression(), severity);
        Assert.True(PerturbationFixtures.Psnr(e, a) >= 60, $"PSNR {PerturbationFixtures.Psnr(e, a):F1} dB");
    }

    [Theory]
    [MemberData(nameof(FiveLevels))]
    public void DefocusBlurMatchesReferenceWithinOneGreyLevel(int severity) => AssertWithinOneLevel(new DefocusBlur(), severity);

    [Theory]
    [MemberData(nameof(FiveLevels))]
    public void ZoomBlurMatchesReferenceWithinOneGreyLevel(int severity) => AssertWithinOneLevel(new ZoomBlur(), severity);

    [Theory]
    [MemberData(nameof(SixLevels))]
    public void StaticRotationMatchesReferencePixels(int severity)
    {
        var (e, a) = Run(new StaticRotate(), severity);
        var (_, differing, total) = PerturbationFixtures.Compare(e, a);
        Assert.True(differing <= total / 10_000, $"{differing} of {total} values differ");
    }

    private static void AssertWithinOneLevel(ISpatialPerturbation p, int severity)
    {
        var (e, a) = Run(p, severity);
        var (max, differing, total) = PerturbationFixtures.Compare(e, a);
        Assert.True(max <= 1, $"{p.Key} s{severity}: max difference {max}");
        Assert.True(differing <= total / 10_000, $"{p.Key} s{severity}: {differing} of {total} values differ");
    }
}
