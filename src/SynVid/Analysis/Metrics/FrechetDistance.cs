namespace SynVid.Analysis.Metrics;

/// <summary>
/// Fréchet distance between Gaussians, ‖μ₁−μ₂‖² + Tr(Σ₁ + Σ₂ − 2(Σ₁Σ₂)^½) (docs/reference-behaviour.md §7): FID on image features,
/// FVD on clip features.
/// </summary>
public static class FrechetDistance
{
    /// <summary>
    /// The distance between two Gaussians. Tr((Σ₁Σ₂)^½) is computed as Σᵢ √λᵢ over the eigenvalues of the symmetric PSD
    /// matrix Σ₁^½Σ₂Σ₁^½ (same spectrum as Σ₁Σ₂), in double precision, negative round-off eigenvalues clamped to 0. This is
    /// stable for singular covariances (fewer samples than dimensions), where scipy's sqrtm needs an ε offset.
    /// </summary>
    public static double Between(GaussianStats a, GaussianStats b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Dimension != b.Dimension)
        {
            throw new ArgumentException($"dimensions differ: {a.Dimension} and {b.Dimension}");
        }
        var meanTerm = 0.0;
        for (var i = 0; i < a.Dimension; i++)
        {
            var diff = a.Mean[i] - b.Mean[i];
            meanTerm += diff * diff;
        }
        var s1 = SymmetricMatrices.Of(a.Covariance);
        var s2 = SymmetricMatrices.Of(b.Covariance);
        var root1 = SymmetricMatrices.Sqrt(s1);
        var (values, _) = SymmetricMatrices.Eigen(root1 * s2 * root1);
        var traceSqrt = values.Sum(v => Math.Sqrt(Math.Max(v, 0)));
        var distance = meanTerm + s1.Trace() + s2.Trace() - (2 * traceSqrt);
        // Identical sets give −1e-12-sized values from round-off; a distance is never negative.
        return Math.Max(distance, 0);
    }

    /// <summary>Fréchet distance between the Gaussians fitted to two feature matrices (FID / FVD).</summary>
    public static double Between(FeatureMatrix a, FeatureMatrix b) =>
        Between(GaussianStats.FromFeatures(a), GaussianStats.FromFeatures(b));
}
