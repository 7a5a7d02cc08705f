namespace SynVid.Analysis.Metrics;

/// <summary>The diversity ("feature volume") of a feature set.</summary>
/// <param name="LogDet">logdet(Σ + εI).</param>
/// <param name="LogDetPerDim">LogDet / d.</param>
/// <param name="Epsilon">The ε added to the diagonal.</param>
/// <param name="Rank">Number of eigenvalues of Σ above ε (below it the regulariser dominates).</param>
/// <param name="Dimension">d.</param>
public sealed record DiversityResult(double LogDet, double LogDetPerDim, double Epsilon, int Rank, int Dimension);

/// <summary>
/// Feature volume as the log-determinant of the feature covariance (docs/reference-behaviour.md §7): logdet(Σ + εI) with a fixed,
/// absolute ε = 1e-6 (the same for every dataset, so values from one extractor stay comparable), computed as
/// Σᵢ ln(max(λᵢ, 0) + ε) over the eigenvalues of Σ in double precision. A rank-deficient Σ (fewer samples than
/// dimensions, or constant features) stays finite: each null direction contributes ln ε ≈ −13.8.
/// </summary>
public static class FeatureDiversity
{
    /// <summary>The default ε.</summary>
    public const double DefaultEpsilon = 1e-6;

    /// <summary>logdet(Σ + εI) of a covariance.</summary>
    public static DiversityResult LogDet(double[,] covariance, double epsilon = DefaultEpsilon)
    {
        ArgumentNullException.ThrowIfNull(covariance);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(epsilon);
        var (values, _) = SymmetricMatrices.Eigen(SymmetricMatrices.Of(covariance));
        var logDet = values.Sum(v => Math.Log(Math.Max(v, 0) + epsilon));
        var d = values.Length;
        return new DiversityResult(logDet, logDet / d, epsilon, values.Count(v => v > epsilon), d);
    }

    /// <summary>logdet(Σ + εI) of the covariance of the rows of <paramref name="features"/>.</summary>
    public static DiversityResult LogDet(FeatureMatrix features, double epsilon = DefaultEpsilon) =>
        LogDet(GaussianStats.FromFeatures(features).Covariance, epsilon);
}
