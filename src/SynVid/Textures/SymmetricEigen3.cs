namespace SynVid.Textures;

/// <summary>Eigen-decomposition of a symmetric 3×3 matrix by cyclic Jacobi rotations (deterministic, no dependencies).</summary>
public static class SymmetricEigen3
{
    /// <summary>
    /// Eigenvectors as the columns of the result, sorted by decreasing eigenvalue (MATLAB <c>eigs</c> order). Each
    /// vector's sign is fixed so its largest-magnitude component is positive, which makes the frame reproducible.
    /// </summary>
    public static double[,] EigenvectorsByDecreasingEigenvalue(double[,] symmetric)
    {
        var a = (double[,])symmetric.Clone();
        var v = new double[3, 3] { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } };
        for (var sweep = 0; sweep < 50; sweep++)
        {
            var off = Math.Abs(a[0, 1]) + Math.Abs(a[0, 2]) + Math.Abs(a[1, 2]);
            var scale = Math.Abs(a[0, 0]) + Math.Abs(a[1, 1]) + Math.Abs(a[2, 2]);
            if (off <= 1e-15 * scale || off == 0)
            {
                break;
            }
            for (var p = 0; p < 2; p++)
            {
                for (var q = p + 1; q < 3; q++)
                {
                    if (a[p, q] == 0)
                    {
                        continue;
                    }
                    var theta = (a[q, q] - a[p, p]) / (2 * a[p, q]);
                    var t = Math.Sign(theta == 0 ? 1 : theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
                    var c = 1 / Math.Sqrt(t * t + 1);
                    var s = t * c;
                    for (var k = 0; k < 3; k++)
                    {
                        var akp = a[k, p];
                        var akq = a[k, q];
                        a[k, p] = c * akp - s * akq;
                        a[k, q] = s * akp + c * akq;
                    }
                    for (var k = 0; k < 3; k++)
                    {
                        var apk = a[p, k];
                        var aqk = a[q, k];
                        a[p, k] = c * apk - s * aqk;
                        a[q, k] = s * apk + c * aqk;
                    }
                    for (var k = 0; k < 3; k++)
                    {
                        var vkp = v[k, p];
                        var vkq = v[k, q];
                        v[k, p] = c * vkp - s * vkq;
                        v[k, q] = s * vkp + c * vkq;
                    }
                }
            }
        }
        var order = new[] { 0, 1, 2 }.OrderByDescending(i => a[i, i]).ToArray();
        var result = new double[3, 3];
        for (var col = 0; col < 3; col++)
        {
            var src = order[col];
            var big = 0;
            for (var r = 1; r < 3; r++)
            {
                if (Math.Abs(v[r, src]) > Math.Abs(v[big, src]))
                {
                    big = r;
                }
            }
            var sign = v[big, src] < 0 ? -1 : 1;
            for (var r = 0; r < 3; r++)
            {
                result[r, col] = sign * v[r, src];
            }
        }
        return result;
    }
}
