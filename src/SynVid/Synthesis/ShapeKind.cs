namespace SynVid.Synthesis;

/// <summary>The six object shapes of the reference generator (docs/reference-behaviour.md §2.4).</summary>
public enum ShapeKind
{
    /// <summary>Filled circle centred at the anchor.</summary>
    Circle,

    /// <summary>Axis-aligned square of side r√2 whose top-left corner is the anchor.</summary>
    Square,

    /// <summary>Square of side r√2 rotated by θ about the centre of the local box [0, 2r]².</summary>
    OrientedSquare,

    /// <summary>Axis-aligned rectangle inscribed in the circle of radius r centred at (r, r).</summary>
    Rectangle,

    /// <summary>Triangle inscribed in the circle of radius r centred at (r, r).</summary>
    Triangle,

    /// <summary>Convex quadrilateral inscribed in the circle of radius r centred at (r, r).</summary>
    Quadrilateral,
}
