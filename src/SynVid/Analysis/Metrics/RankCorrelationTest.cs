namespace SynVid.Analysis.Metrics;

/// <summary>Spearman's ρ with its permutation p-values.</summary>
/// <param name="Rho">ρ of the observed pairing (NaN when a variable is constant).</param>
/// <param name="POneSided">P(ρ* ≥ ρ) under random pairings: the test of an increasing trend.</param>
/// <param name="PTwoSided">P(|ρ*| ≥ |ρ|).</param>
/// <param name="Exact">Whether every pairing was enumerated (else a seeded Monte Carlo sample).</param>
/// <param name="Permutations">Pairings enumerated or sampled.</param>
/// <param name="Count">Number of pairs.</param>
public sealed record RankCorrelationTest(double Rho, double POneSided, double PTwoSided, bool Exact, long Permutations, int Count);
