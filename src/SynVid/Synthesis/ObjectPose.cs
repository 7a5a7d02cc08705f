namespace SynVid.Synthesis;

/// <summary>
/// Where one object is at frame t, in closed form (docs/reference-behaviour.md §2.5–§2.7, §2.9): its truncated anchor position, and
/// the linear map that takes local coordinates (relative to the pivot) to canvas offsets.
/// </summary>
public readonly record struct ObjectPose(int X, int Y, Matrix2 Linear, double PivotX, double PivotY)
{
    /// <summary>The pose of <paramref name="o"/> at frame <paramref name="t"/> (for polygons; see <see cref="CircleMatrix"/>).</summary>
    public static ObjectPose At(SceneObject o, int t, PivotMode pivot)
    {
        var (x, y) = Position(o, t);
        var p = pivot == PivotMode.HalfRadius ? Math.Floor(o.Radius / 2.0) : o.Radius;
        return new ObjectPose(x, y, LinearMap(o, t), p, p);
    }

    /// <summary>
    /// x_t = trunc(cx + d·cos φ), y_t = trunc(cy + d·sin φ) with displacement d = v₀t + ½at² (§2.5, Q12).
    /// </summary>
    public static (int X, int Y) Position(SceneObject o, int t)
    {
        var d = o.Speed * t + 0.5 * o.Acceleration * t * (double)t;
        var (sin, cos) = Math.SinCos(o.Direction);
        return ((int)(o.AnchorX + d * cos), (int)(o.AnchorY + d * sin));
    }

    /// <summary>A(t) without the pivot: Rot(ωt) · diag(1 + αx t, 1 + αy t) · [[1, βx t], [βy t, 1]] (§2.6).</summary>
    public static Matrix2 LinearMap(SceneObject o, int t)
    {
        if (o.RotationRate == 0 && o.ScaleRate == (0, 0) && o.ShearRate == (0, 0))
        {
            return Matrix2.Identity;
        }
        var shear = new Matrix2(1, o.ShearRate.X * t, o.ShearRate.Y * t, 1);
        var scale = Matrix2.Scale(1 + o.ScaleRate.X * t, 1 + o.ScaleRate.Y * t);
        return Matrix2.Rotation(o.RotationRate * t) * scale * shear;
    }

    /// <summary>The reference skip rule: not drawn when the anchor is outside (−res, 2res)² (§2.7).</summary>
    public static bool IsSkipped(int x, int y, int res) => x <= -res || x >= 2 * res || y <= -res || y >= 2 * res;

    /// <summary>
    /// The circle of <paramref name="o"/> at frame t as an ellipse: canvas = centre + M·(unit disk) (§2.9, Q1, Q2).
    /// </summary>
    public static Matrix2 CircleMatrix(SceneObject o, int t, CircleTransform mode, AngleUnits units)
    {
        double r = o.Radius;
        switch (mode)
        {
            case CircleTransform.None:
                return Matrix2.Scale(r, r);
            case CircleTransform.OnTheFlyStyle:
                {
                    // Axes (⌊r·s_x⌋, ⌊r·s_y⌋), rotation ω·t read as degrees by the reference; no shear.
                    var axX = Math.Floor(r * (1 + o.ScaleRate.X * t));
                    var axY = Math.Floor(r * (1 + o.ScaleRate.Y * t));
                    var angle = o.RotationRate * t;
                    if (units == AngleUnits.Degrees)
                    {
                        angle *= Math.PI / 180;
                    }
                    return Matrix2.Rotation(angle) * Matrix2.Scale(axX, axY);
                }
            case CircleTransform.FullAffine:
                return r * LinearMap(o, t);
            default:
                throw new ArgumentOutOfRangeException(nameof(mode), mode, null);
        }
    }

    /// <summary>
    /// Canvas vertices of a polygon: trunc((x_t, y_t) + p + A·(u − p)) for each truncated local corner u (§2.4).
    /// Writes 2·n ints to <paramref name="vertices"/> and returns n.
    /// </summary>
    public int PolygonVertices(ReadOnlySpan<double> localCorners, Span<int> vertices)
    {
        var n = localCorners.Length / 2;
        for (var k = 0; k < n; k++)
        {
            var (dx, dy) = Linear.Apply(localCorners[2 * k] - PivotX, localCorners[2 * k + 1] - PivotY);
            vertices[2 * k] = (int)(X + PivotX + dx);
            vertices[2 * k + 1] = (int)(Y + PivotY + dy);
        }
        return n;
    }
}
