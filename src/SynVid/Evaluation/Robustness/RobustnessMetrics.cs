namespace SynVid.Evaluation.Robustness;

/// <summary>
/// Robustness scores of Schiappa et al. (docs/reference-behaviour.md §6.3; the formulas are unverified there). Accuracies are in
/// percent. Both scores are 1 when the perturbation costs nothing and fall as accuracy drops: higher is more robust.
/// A perturbation that raises accuracy gives a score above 1.
/// </summary>
public static class RobustnessMetrics
{
    /// <summary>Absolute robustness γᵃ = 1 − (A_clean − A_p)/100.</summary>
    public static double Absolute(double clean, double perturbed) => 1 - (clean - perturbed) / 100;

    /// <summary>Relative robustness γʳ = 1 − (A_clean − A_p)/A_clean; undefined (NaN) when A_clean is 0.</summary>
    public static double Relative(double clean, double perturbed) => clean > 0 ? 1 - (clean - perturbed) / clean : double.NaN;
}
