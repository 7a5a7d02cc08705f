namespace SynVid.Synthesis;

/// <summary>
/// One object's parameters, sampled once at t = 0 (docs/reference-behaviour.md §2.2). Local corners are already truncated as the
/// reference does before any transform (§2.4).
/// </summary>
public sealed record SceneObject
{
    /// <summary>Shape type.</summary>
    public required ShapeKind Shape { get; init; }

    /// <summary>Fill colour (each channel 0..254; black when textured).</summary>
    public required (byte R, byte G, byte B) Colour { get; init; }

    /// <summary>Radius in pixels (§2.3).</summary>
    public required int Radius { get; init; }

    /// <summary>Anchor x at t = 0 (circle centre, polygon local-box origin).</summary>
    public required int AnchorX { get; init; }

    /// <summary>Anchor y at t = 0.</summary>
    public required int AnchorY { get; init; }

    /// <summary>Direction of motion φ in radians.</summary>
    public required double Direction { get; init; }

    /// <summary>Initial speed v₀ in px/frame (0 for static stages).</summary>
    public required double Speed { get; init; }

    /// <summary>Physical acceleration along the direction in px/frame² (0 without acceleration).</summary>
    public required double Acceleration { get; init; }

    /// <summary>Rotation rate ω in rad/frame (0 without affine).</summary>
    public required double RotationRate { get; init; }

    /// <summary>Scale rates (αx, αy) per frame.</summary>
    public required (double X, double Y) ScaleRate { get; init; }

    /// <summary>Shear rates (βx, βy) per frame.</summary>
    public required (double X, double Y) ShearRate { get; init; }

    /// <summary>Texture index into the texture source, or −1 when solid.</summary>
    public required int TextureId { get; init; }

    /// <summary>Offset of the texture window in the 2res² resized texture (0, 0 for the reference top-left).</summary>
    public required (int X, int Y) CropOffset { get; init; }

    /// <summary>Colour added to the texture crop in the saturated-texture variant (0, 0, 0 otherwise).</summary>
    public required (byte R, byte G, byte B) TextureTint { get; init; }

    /// <summary>Polygon corners in the local box (x0, y0, x1, y1, …); empty for circles.</summary>
    public required double[] LocalCorners { get; init; }
}
