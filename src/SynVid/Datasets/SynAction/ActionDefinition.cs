namespace SynVid.Datasets.SynAction;

/// <summary>Which point stays put on the ground while the figure moves its joints.</summary>
public enum FootAnchor
{
    /// <summary>Nothing: the pelvis travels at the locomotion speed (walk, run).</summary>
    None,

    /// <summary>The midpoint of the two feet stays put (standing actions).</summary>
    BothFeet,

    /// <summary>The far foot stays put (kicking with the near leg).</summary>
    FarFoot,
}

/// <summary>
/// One action: a periodic joint-angle trajectory over a phase in [0, 1) and how it is staged.
/// </summary>
/// <param name="Kind">The action.</param>
/// <param name="FrontView">Whether the figure is seen from the front (far limbs mirror the near ones) rather than in profile.</param>
/// <param name="Anchor">What stays put on the ground.</param>
/// <param name="CyclesPerSecond">Typical tempo; each video scales it by a random factor.</param>
/// <param name="AdvancePerCycle">Forward travel per cycle, in figure heights.</param>
public sealed record ActionDefinition(ActionKind Kind, bool FrontView, FootAnchor Anchor, double CyclesPerSecond, double AdvancePerCycle)
{
    /// <summary>The definition of an action.</summary>
    public static ActionDefinition Of(ActionKind kind) => kind switch
    {
        ActionKind.Walk => new(kind, false, FootAnchor.None, 0.9, 0.75),
        ActionKind.Run => new(kind, false, FootAnchor.None, 1.4, 1.5),
        ActionKind.Jump => new(kind, false, FootAnchor.BothFeet, 0.8, 0),
        ActionKind.JumpingJacks => new(kind, true, FootAnchor.BothFeet, 1.0, 0),
        ActionKind.WaveOneArm => new(kind, true, FootAnchor.BothFeet, 1.5, 0),
        ActionKind.WaveTwoArms => new(kind, true, FootAnchor.BothFeet, 1.0, 0),
        ActionKind.Squat => new(kind, false, FootAnchor.BothFeet, 0.6, 0),
        ActionKind.Punch => new(kind, false, FootAnchor.BothFeet, 1.0, 0),
        ActionKind.Kick => new(kind, false, FootAnchor.FarFoot, 0.7, 0),
        ActionKind.Bow => new(kind, false, FootAnchor.BothFeet, 0.5, 0),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>
    /// The pose at <paramref name="phase"/> (any real; only its fractional part matters) with movement amplitude
    /// <paramref name="amplitude"/> (1 = typical).
    /// </summary>
    public Pose PoseAt(double phase, double amplitude)
    {
        var p = phase - Math.Floor(phase);
        var w = 2 * Math.PI * p;
        double s = Math.Sin(w), c = Math.Cos(w), a = amplitude;
        var open = 0.5 * (1 - c); // 0 → 1 → 0 over a cycle
        switch (Kind)
        {
            case ActionKind.Walk:
                return new Pose(
                    Lean: 0.05, HeadTilt: 0,
                    ShoulderNear: -0.4 * a * s, ElbowNear: 0.3 + 0.2 * Math.Max(0, -s),
                    ShoulderFar: 0.4 * a * s, ElbowFar: 0.3 + 0.2 * Math.Max(0, s),
                    HipNear: 0.42 * a * s, KneeNear: 0.12 + 0.6 * a * Math.Max(0, c),
                    HipFar: -0.42 * a * s, KneeFar: 0.12 + 0.6 * a * Math.Max(0, -c),
                    Lift: 0.01 * Math.Abs(Math.Sin(2 * w)));
            case ActionKind.Run:
                return new Pose(
                    Lean: 0.3, HeadTilt: -0.1,
                    ShoulderNear: -0.85 * a * s, ElbowNear: 1.5,
                    ShoulderFar: 0.85 * a * s, ElbowFar: 1.5,
                    HipNear: -0.1 + 0.8 * a * s, KneeNear: 0.35 + 1.3 * a * Math.Max(0, c),
                    HipFar: -0.1 - 0.8 * a * s, KneeFar: 0.35 + 1.3 * a * Math.Max(0, -c),
                    Lift: 0.05 * a * Math.Abs(s));
            case ActionKind.Jump:
                {
                    // crouch (take-off) around p = 0.12, flight on [0.25, 0.65], landing crouch around p = 0.75
                    var crouch = Bump(p, 0.12, 0.13) + Bump(p, 0.75, 0.1);
                    var flight = p is >= 0.25 and <= 0.65 ? Math.Sin(Math.PI * (p - 0.25) / 0.4) : 0;
                    var arms = -0.7 * crouch + 2.6 * flight;
                    return new Pose(
                        Lean: 0.5 * crouch, HeadTilt: 0,
                        ShoulderNear: arms, ElbowNear: 0.2, ShoulderFar: arms - 0.1, ElbowFar: 0.25,
                        HipNear: 1.1 * crouch, KneeNear: 2.0 * crouch + 0.1 * flight,
                        HipFar: 1.1 * crouch, KneeFar: 2.0 * crouch + 0.1 * flight,
                        Lift: 0.4 * a * flight);
                }
            case ActionKind.JumpingJacks:
                {
                    var arm = 0.15 + 2.6 * a * open;
                    var leg = 0.05 + 0.33 * a * open;
                    return new Pose(
                        Lean: 0, HeadTilt: 0,
                        ShoulderNear: arm, ElbowNear: 0.15, ShoulderFar: -arm, ElbowFar: -0.15,
                        HipNear: leg, KneeNear: -0.05, HipFar: -leg, KneeFar: 0.05,
                        Lift: 0.05 * Math.Abs(Math.Sin(w)));
                }
            case ActionKind.WaveOneArm:
                return new Pose(
                    Lean: 0.03 * s, HeadTilt: 0,
                    ShoulderNear: 2.45, ElbowNear: 0.45 + 0.6 * a * s,
                    ShoulderFar: -0.12, ElbowFar: -0.1,
                    HipNear: 0.1, KneeNear: -0.03, HipFar: -0.1, KneeFar: 0.03,
                    Lift: 0);
            case ActionKind.WaveTwoArms:
                {
                    var sway = 0.45 * a * s;
                    return new Pose(
                        Lean: 0.06 * s, HeadTilt: 0.05 * s,
                        ShoulderNear: 2.6 + sway, ElbowNear: 0.25 + 0.2 * s,
                        ShoulderFar: -2.6 + sway, ElbowFar: -0.25 + 0.2 * s,
                        HipNear: 0.1, KneeNear: -0.03, HipFar: -0.1, KneeFar: 0.03,
                        Lift: 0);
                }
            case ActionKind.Squat:
                {
                    var d = a * open;
                    return new Pose(
                        Lean: 0.05 + 0.55 * d, HeadTilt: -0.3 * d,
                        ShoulderNear: 0.1 + 1.5 * d, ElbowNear: 0.1, ShoulderFar: 0.05 + 1.45 * d, ElbowFar: 0.1,
                        HipNear: 1.45 * d, KneeNear: 0.05 + 2.1 * d, HipFar: 1.4 * d, KneeFar: 0.05 + 2.0 * d,
                        Lift: 0);
                }
            case ActionKind.Punch:
                {
                    var near = Math.Pow(Math.Max(0, s), 1.5);
                    var far = Math.Pow(Math.Max(0, -s), 1.5);
                    return new Pose(
                        Lean: 0.12 + 0.08 * (near + far), HeadTilt: 0,
                        ShoulderNear: 0.55 + 1.0 * a * near, ElbowNear: 2.1 * (1 - near),
                        ShoulderFar: 0.55 + 1.0 * a * far, ElbowFar: 2.1 * (1 - far),
                        HipNear: 0.28, KneeNear: 0.2, HipFar: -0.22, KneeFar: 0.15,
                        Lift: 0);
                }
            case ActionKind.Kick:
                {
                    // kick on the first half of the cycle, stand on the second
                    var u = Math.Min(1, p / 0.5);
                    var k = p < 0.5 ? Math.Sin(Math.PI * u) : 0;
                    var chamber = p < 0.5 ? Math.Pow(Math.Sin(2 * Math.PI * u), 2) : 0;
                    return new Pose(
                        Lean: -0.3 * k, HeadTilt: 0.1 * k,
                        ShoulderNear: -0.45 * k, ElbowNear: 0.5, ShoulderFar: 0.1 + 0.7 * k, ElbowFar: 0.6,
                        HipNear: 1.55 * a * k, KneeNear: 0.05 + 1.3 * chamber,
                        HipFar: -0.05, KneeFar: 0.05,
                        Lift: 0);
                }
            case ActionKind.Bow:
                {
                    var d = a * open;
                    var lean = 1.25 * d;
                    return new Pose(
                        Lean: lean, HeadTilt: 0.25 * d,
                        ShoulderNear: 0.85 * lean, ElbowNear: 0.05, ShoulderFar: 0.8 * lean, ElbowFar: 0.05,
                        HipNear: -0.18 * d, KneeNear: 0.03, HipFar: -0.18 * d, KneeFar: 0.03,
                        Lift: 0);
                }
            default:
                throw new InvalidOperationException($"no trajectory for {Kind}");
        }
    }

    // A smooth raised-cosine bump of height 1 at center, zero beyond ±halfWidth.
    private static double Bump(double p, double center, double halfWidth)
    {
        var d = Math.Abs(p - center) / halfWidth;
        return d >= 1 ? 0 : 0.5 * (1 + Math.Cos(Math.PI * d));
    }
}
