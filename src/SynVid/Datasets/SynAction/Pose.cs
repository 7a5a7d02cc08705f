namespace SynVid.Datasets.SynAction;

/// <summary>
/// Joint angles of the 2-D figure in radians, plus a vertical lift. Angles are measured from straight down and are
/// positive towards the direction the figure faces. "Near" limbs are drawn in front of the torso, "far" limbs behind.
/// </summary>
/// <param name="Lean">Torso tilt forward from vertical.</param>
/// <param name="HeadTilt">Extra head tilt forward on top of the torso's.</param>
/// <param name="ShoulderNear">Near upper arm, relative to the torso's downward direction.</param>
/// <param name="ElbowNear">Near forearm, relative to the upper arm (positive folds forward and up).</param>
/// <param name="ShoulderFar">Far upper arm.</param>
/// <param name="ElbowFar">Far forearm.</param>
/// <param name="HipNear">Near thigh, relative to straight down.</param>
/// <param name="KneeNear">Near knee flexion (positive folds the shin backwards).</param>
/// <param name="HipFar">Far thigh.</param>
/// <param name="KneeFar">Far knee flexion.</param>
/// <param name="Lift">Height of the lowest foot above the ground, in figure heights (jumps, flight phases).</param>
public readonly record struct Pose(
    double Lean,
    double HeadTilt,
    double ShoulderNear,
    double ElbowNear,
    double ShoulderFar,
    double ElbowFar,
    double HipNear,
    double KneeNear,
    double HipFar,
    double KneeFar,
    double Lift)
{
    /// <summary>Number of angle channels (every field except <see cref="Lift"/>).</summary>
    public const int AngleCount = 10;

    /// <summary>The angle channel <paramref name="i"/> (0..9, in declaration order).</summary>
    public double Angle(int i) => i switch
    {
        0 => Lean,
        1 => HeadTilt,
        2 => ShoulderNear,
        3 => ElbowNear,
        4 => ShoulderFar,
        5 => ElbowFar,
        6 => HipNear,
        7 => KneeNear,
        8 => HipFar,
        9 => KneeFar,
        _ => throw new ArgumentOutOfRangeException(nameof(i)),
    };

    /// <summary>This pose with <paramref name="delta"/>[i] added to angle channel i.</summary>
    public Pose AddAngles(ReadOnlySpan<double> delta) => this with
    {
        Lean = Lean + delta[0],
        HeadTilt = HeadTilt + delta[1],
        ShoulderNear = ShoulderNear + delta[2],
        ElbowNear = ElbowNear + delta[3],
        ShoulderFar = ShoulderFar + delta[4],
        ElbowFar = ElbowFar + delta[5],
        HipNear = HipNear + delta[6],
        KneeNear = KneeNear + delta[7],
        HipFar = HipFar + delta[8],
        KneeFar = KneeFar + delta[9],
    };
}
