namespace SynVid.Synthesis;

/// <summary>The point in local coordinates about which A(t) acts on polygons (docs/reference-behaviour.md §2.6, quirk Q3).</summary>
public enum PivotMode
{
    /// <summary>(⌊r/2⌋, ⌊r/2⌋): transforms also translate the shape, it "orbits" (reference).</summary>
    HalfRadius,

    /// <summary>(r, r), the centre of the local box.</summary>
    Centre,
}
