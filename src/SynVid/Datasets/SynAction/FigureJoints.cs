using SkiaSharp;

namespace SynVid.Datasets.SynAction;

/// <summary>Joint positions of a posed figure (image coordinates, y down).</summary>
/// <param name="Pelvis">Pelvis centre.</param>
/// <param name="HipNear">Near hip joint.</param>
/// <param name="HipFar">Far hip joint.</param>
/// <param name="KneeNear">Near knee.</param>
/// <param name="KneeFar">Far knee.</param>
/// <param name="AnkleNear">Near ankle.</param>
/// <param name="AnkleFar">Far ankle.</param>
/// <param name="ToeNear">Near toe.</param>
/// <param name="ToeFar">Far toe.</param>
/// <param name="Neck">Top of the torso.</param>
/// <param name="ShoulderNear">Near shoulder.</param>
/// <param name="ShoulderFar">Far shoulder.</param>
/// <param name="ElbowNear">Near elbow.</param>
/// <param name="ElbowFar">Far elbow.</param>
/// <param name="WristNear">Near wrist.</param>
/// <param name="WristFar">Far wrist.</param>
/// <param name="Head">Head centre.</param>
public readonly record struct FigureJoints(
    SKPoint Pelvis,
    SKPoint HipNear,
    SKPoint HipFar,
    SKPoint KneeNear,
    SKPoint KneeFar,
    SKPoint AnkleNear,
    SKPoint AnkleFar,
    SKPoint ToeNear,
    SKPoint ToeFar,
    SKPoint Neck,
    SKPoint ShoulderNear,
    SKPoint ShoulderFar,
    SKPoint ElbowNear,
    SKPoint ElbowFar,
    SKPoint WristNear,
    SKPoint WristFar,
    SKPoint Head)
{
    /// <summary>Number of joints.</summary>
    public const int Count = 17;

    /// <summary>Every joint in declaration order.</summary>
    public SKPoint[] ToArray() =>
    [
        Pelvis, HipNear, HipFar, KneeNear, KneeFar, AnkleNear, AnkleFar, ToeNear, ToeFar, Neck, ShoulderNear, ShoulderFar,
        ElbowNear, ElbowFar, WristNear, WristFar, Head,
    ];

    /// <summary>Applies a map to every joint.</summary>
    public FigureJoints Map(Func<SKPoint, SKPoint> f) => new(
        f(Pelvis), f(HipNear), f(HipFar), f(KneeNear), f(KneeFar), f(AnkleNear), f(AnkleFar), f(ToeNear), f(ToeFar), f(Neck),
        f(ShoulderNear), f(ShoulderFar), f(ElbowNear), f(ElbowFar), f(WristNear), f(WristFar), f(Head));
}
