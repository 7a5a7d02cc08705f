namespace SynVid.Synthesis;

/// <summary>A 2 × 2 matrix [[A, B], [C, D]] acting on column vectors (x, y).</summary>
public readonly record struct Matrix2(double A, double B, double C, double D)
{
    /// <summary>The identity.</summary>
    public static Matrix2 Identity => new(1, 0, 0, 1);

    /// <summary>Counter-clockwise rotation in (x right, y down) image coordinates, i.e. clockwise on screen.</summary>
    public static Matrix2 Rotation(double theta)
    {
        var (sin, cos) = Math.SinCos(theta);
        return new Matrix2(cos, -sin, sin, cos);
    }

    /// <summary>diag(sx, sy).</summary>
    public static Matrix2 Scale(double sx, double sy) => new(sx, 0, 0, sy);

    /// <summary>Determinant.</summary>
    public double Determinant => A * D - B * C;

    /// <summary>Matrix product this · other.</summary>
    public static Matrix2 operator *(Matrix2 m, Matrix2 n) =>
        new(m.A * n.A + m.B * n.C, m.A * n.B + m.B * n.D, m.C * n.A + m.D * n.C, m.C * n.B + m.D * n.D);

    /// <summary>Scalar multiple.</summary>
    public static Matrix2 operator *(double s, Matrix2 m) => new(s * m.A, s * m.B, s * m.C, s * m.D);

    /// <summary>Applies the matrix to (x, y).</summary>
    public (double X, double Y) Apply(double x, double y) => (A * x + B * y, C * x + D * y);

    /// <summary>The inverse, or null when the matrix is (numerically) singular.</summary>
    public Matrix2? Inverse()
    {
        var det = Determinant;
        if (Math.Abs(det) < 1e-12)
        {
            return null;
        }
        return new Matrix2(D / det, -B / det, -C / det, A / det);
    }
}
