using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace SynVid.Analysis.Metrics;

/// <summary>Eigen-decompositions of symmetric matrices (MathNet.Numerics, double precision).</summary>
internal static class SymmetricMatrices
{
    /// <summary>Eigenvalues (ascending) and eigenvectors (columns) of the symmetric part of <paramref name="m"/>.</summary>
    internal static (double[] Values, Matrix<double> Vectors) Eigen(Matrix<double> m)
    {
        // Symmetrise first: round-off in products such as A·B·A leaves tiny asymmetries.
        var symmetric = (m + m.Transpose()) * 0.5;
        var evd = symmetric.Evd(Symmetricity.Symmetric);
        return (evd.EigenValues.Select(c => c.Real).ToArray(), evd.EigenVectors);
    }

    /// <summary>The PSD square root V·diag(√max(λ, 0))·Vᵀ.</summary>
    internal static Matrix<double> Sqrt(Matrix<double> m)
    {
        var (values, vectors) = Eigen(m);
        var roots = Vector<double>.Build.Dense(values.Length, i => Math.Sqrt(Math.Max(values[i], 0)));
        return vectors * Matrix<double>.Build.DiagonalOfDiagonalVector(roots) * vectors.Transpose();
    }

    internal static Matrix<double> Of(double[,] values) => Matrix<double>.Build.DenseOfArray(values);
}
