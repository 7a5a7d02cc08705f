namespace SynVid.Synthesis;

/// <summary>Which shapes a stage draws (docs/reference-behaviour.md §2.2, first row).</summary>
public enum ShapeSet
{
    /// <summary>Circles only (stages 1–2).</summary>
    Circles,

    /// <summary>Uniform over the six shapes (stages 3–8).</summary>
    Mixed,
}
