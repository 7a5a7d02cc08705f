using MathNet.Numerics.LinearAlgebra;

namespace SynVid.Analysis.Metrics;

/// <summary>Kullback–Leibler divergences between multivariate Gaussians (docs/reference-behaviour.md §7, colour distance).</summary>
public static class GaussianKl
{
    /// <summary>
    /// KL(P‖Q) = ½[tr(Σ_Q⁻¹Σ_P) + (μ_Q−μ_P)ᵀΣ_Q⁻¹(μ_Q−μ_P) − d + ln(det Σ_Q / det Σ_P)], in nats. Throws a
    /// <see cref="UserInputException"/> when a covariance is singular (for example every pixel the same colour).
    /// </summary>
    public static double Divergence(GaussianStats p, GaussianStats q)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(q);
        var d = p.Dimension;
        var sp = Matrix<double>.Build.DenseOfArray(p.Covariance);
        var sq = Matrix<double>.Build.DenseOfArray(q.Covariance);
        var cp = Cholesky(sp, "first");
        var cq = Cholesky(sq, "second");
        var diff = Vector<double>.Build.DenseOfArray(q.Mean) - Vector<double>.Build.DenseOfArray(p.Mean);
        var trace = cq.Solve(sp).Trace();
        var mahalanobis = diff.DotProduct(cq.Solve(diff));
        var logDetRatio = cq.DeterminantLn - cp.DeterminantLn;
        return 0.5 * (trace + mahalanobis - d + logDetRatio);
    }

    /// <summary>Symmetric KL, KL(P‖Q) + KL(Q‖P): the sum, not halved (whether the paper halves it is unverified).</summary>
    public static double Symmetric(GaussianStats p, GaussianStats q) => Divergence(p, q) + Divergence(q, p);

    private static MathNet.Numerics.LinearAlgebra.Factorization.Cholesky<double> Cholesky(Matrix<double> m, string which)
    {
        try
        {
            return m.Cholesky();
        }
        catch (ArgumentException e)
        {
            throw new UserInputException($"the {which} colour distribution is degenerate (singular covariance), so its KL divergence is undefined: {e.Message}", e);
        }
    }
}
