namespace SynVid.Synthesis;

/// <summary>How objects move (docs/reference-behaviour.md §2.5).</summary>
public enum MotionMode
{
    /// <summary>No motion: every frame equals frame 0 (stage 1).</summary>
    Static,

    /// <summary>Constant velocity (stages 2–4).</summary>
    Constant,

    /// <summary>Constant velocity plus a per-object signed acceleration along the direction (stages 5–8).</summary>
    Accelerating,
}
