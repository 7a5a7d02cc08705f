namespace SynVid.Datasets.SynAction;

/// <summary>The actions of the built-in benchmark, in label order (label = enum value).</summary>
public enum ActionKind
{
    /// <summary>Walking forward, arms swinging opposite to the legs.</summary>
    Walk,

    /// <summary>Running: larger strides, bent elbows, forward lean, a flight phase.</summary>
    Run,

    /// <summary>Jumping in place: crouch, take-off with arms up, landing.</summary>
    Jump,

    /// <summary>Jumping jacks seen from the front: arms and legs spread and close.</summary>
    JumpingJacks,

    /// <summary>One arm raised, the forearm waving; the other arm hangs.</summary>
    WaveOneArm,

    /// <summary>Both arms raised, swaying side to side together.</summary>
    WaveTwoArms,

    /// <summary>Knees and hips bend, pelvis lowers, arms reach forward.</summary>
    Squat,

    /// <summary>Guard stance with alternating straight punches.</summary>
    Punch,

    /// <summary>One leg chambers and extends forward high, the body leans back.</summary>
    Kick,

    /// <summary>The torso bends forward from the hips with straight legs.</summary>
    Bow,
}

/// <summary>Class names of the actions as they appear in labels and files.</summary>
public static class ActionNames
{
    /// <summary>The snake-case name of an action, e.g. "jumping_jacks".</summary>
    public static string Of(ActionKind kind) => kind switch
    {
        ActionKind.Walk => "walk",
        ActionKind.Run => "run",
        ActionKind.Jump => "jump",
        ActionKind.JumpingJacks => "jumping_jacks",
        ActionKind.WaveOneArm => "wave_one_arm",
        ActionKind.WaveTwoArms => "wave_two_arms",
        ActionKind.Squat => "squat",
        ActionKind.Punch => "punch",
        ActionKind.Kick => "kick",
        ActionKind.Bow => "bow",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Every action in label order.</summary>
    public static IReadOnlyList<ActionKind> All { get; } = Enum.GetValues<ActionKind>();
}
