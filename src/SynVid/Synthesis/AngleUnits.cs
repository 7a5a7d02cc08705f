namespace SynVid.Synthesis;

/// <summary>How the on-the-fly ellipse interprets the rotation ω·t (docs/reference-behaviour.md §2.11, quirk Q2).</summary>
public enum AngleUnits
{
    /// <summary>ω·t radians passed to an API that expects degrees: rotation about 57× too small (reference).</summary>
    Degrees,

    /// <summary>ω·t interpreted as radians, like the polygons.</summary>
    Radians,
}
