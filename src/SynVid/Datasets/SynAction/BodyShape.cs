using SkiaSharp;

namespace SynVid.Datasets.SynAction;

/// <summary>
/// Proportions (in units of a typical standing height), limb thickness and colours of one figure.
/// </summary>
/// <param name="Torso">Pelvis to neck.</param>
/// <param name="Neck">Neck length.</param>
/// <param name="HeadRadius">Head radius.</param>
/// <param name="UpperArm">Shoulder to elbow.</param>
/// <param name="Forearm">Elbow to wrist.</param>
/// <param name="Thigh">Hip to knee.</param>
/// <param name="Shin">Knee to ankle.</param>
/// <param name="Foot">Ankle to toe.</param>
/// <param name="LimbWidth">Stroke width of arms and legs.</param>
/// <param name="TorsoWidth">Stroke width of the torso.</param>
/// <param name="ShoulderSpan">Distance between the shoulders when seen from the front.</param>
/// <param name="HipSpan">Distance between the hip joints when seen from the front.</param>
/// <param name="Skin">Head and bare forearm colour.</param>
/// <param name="Shirt">Torso and sleeve colour.</param>
/// <param name="Trousers">Leg colour.</param>
/// <param name="Shoes">Foot colour.</param>
/// <param name="ShortSleeves">Whether forearms are drawn in the skin colour.</param>
public sealed record BodyShape(
    double Torso,
    double Neck,
    double HeadRadius,
    double UpperArm,
    double Forearm,
    double Thigh,
    double Shin,
    double Foot,
    double LimbWidth,
    double TorsoWidth,
    double ShoulderSpan,
    double HipSpan,
    SKColor Skin,
    SKColor Shirt,
    SKColor Trousers,
    SKColor Shoes,
    bool ShortSleeves)
{
    /// <summary>Average adult proportions with neutral colours.</summary>
    public static BodyShape Typical { get; } = new(
        Torso: 0.30, Neck: 0.03, HeadRadius: 0.065, UpperArm: 0.17, Forearm: 0.16, Thigh: 0.245, Shin: 0.245, Foot: 0.06,
        LimbWidth: 0.05, TorsoWidth: 0.11, ShoulderSpan: 0.16, HipSpan: 0.08,
        Skin: new SKColor(224, 172, 130), Shirt: new SKColor(40, 90, 200), Trousers: new SKColor(50, 50, 60),
        Shoes: new SKColor(30, 30, 30), ShortSleeves: false);

    /// <summary>A random body: every length scaled by its own factor in [0.85, 1.15], random thickness and colours.</summary>
    public static BodyShape Sample(Random rng)
    {
        double F(double lo = 0.85, double hi = 1.15) => lo + (hi - lo) * rng.NextDouble();
        var t = Typical;
        var legScale = F();
        var armScale = F();
        return new BodyShape(
            Torso: t.Torso * F(),
            Neck: t.Neck * F(0.6, 1.4),
            HeadRadius: t.HeadRadius * F(0.85, 1.3),
            UpperArm: t.UpperArm * armScale * F(0.95, 1.05),
            Forearm: t.Forearm * armScale * F(0.95, 1.05),
            Thigh: t.Thigh * legScale * F(0.95, 1.05),
            Shin: t.Shin * legScale * F(0.95, 1.05),
            Foot: t.Foot * F(0.8, 1.3),
            LimbWidth: F(0.032, 0.07),
            TorsoWidth: F(0.08, 0.15),
            ShoulderSpan: t.ShoulderSpan * F(0.8, 1.25),
            HipSpan: t.HipSpan * F(0.8, 1.3),
            Skin: SampleSkin(rng),
            Shirt: Palette.RandomColor(rng, minSaturation: 0.3),
            Trousers: Palette.RandomColor(rng, minSaturation: 0.0, maxValue: 0.7),
            Shoes: Palette.RandomColor(rng, minSaturation: 0.0, maxValue: 0.35),
            ShortSleeves: rng.NextDouble() < 0.5);
    }

    private static SKColor SampleSkin(Random rng)
    {
        // a range of natural skin tones, from light to dark
        var u = rng.NextDouble();
        var r = (byte)(250 - 160 * u);
        var g = (byte)(205 - 140 * u);
        var b = (byte)(175 - 125 * u);
        return new SKColor(r, g, b);
    }
}
