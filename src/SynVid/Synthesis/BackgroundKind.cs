namespace SynVid.Synthesis;

/// <summary>What lies behind the objects (docs/reference-behaviour.md §1.3, background variants).</summary>
public enum BackgroundKind
{
    /// <summary>Black (the whole progression).</summary>
    Black,

    /// <summary>One random uniform colour per video (Tables 10, 12).</summary>
    RandomColour,

    /// <summary>A random texture-source image per video, nearest-neighbour resized to res², static (Tables 10, 12).</summary>
    PoolImage,
}
