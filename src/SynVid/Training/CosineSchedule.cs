namespace SynVid.Training;

/// <summary>
/// Per-iteration learning-rate schedule of the reference (docs/reference-behaviour.md §4.10): linear warm-up from 0 over
/// <see cref="WarmupSteps"/> steps (step 0 has lr 0, step W−1 has the peak, both ends inclusive), then a cosine from the
/// peak down to <see cref="MinLr"/> over the remaining K = total − W steps: lr_k = min + ½(peak − min)(1 + cos(πk/K)).
/// A pure function of the step, so a resumed run continues the same curve.
/// </summary>
/// <param name="PeakLr">The effective (already batch-scaled) peak learning rate.</param>
/// <param name="MinLr">The effective minimum learning rate.</param>
/// <param name="WarmupSteps">Warm-up length W in optimiser steps.</param>
/// <param name="TotalSteps">Total optimiser steps of the run.</param>
public sealed record CosineSchedule(double PeakLr, double MinLr, long WarmupSteps, long TotalSteps)
{
    /// <summary>The reference's linear scaling rule: lr·B_total/256 (§4.10), applied to both lr and min_lr.</summary>
    public static double ScaleForBatch(double lr, int totalBatch) => lr * totalBatch / 256.0;

    /// <summary>A schedule from base (unscaled) rates and the effective batch B_total = batch × devices × accumulation.</summary>
    public static CosineSchedule FromBaseRates(double baseLr, double baseMinLr, int totalBatch, long warmupSteps, long totalSteps) =>
        new(ScaleForBatch(baseLr, totalBatch), ScaleForBatch(baseMinLr, totalBatch), warmupSteps, totalSteps);

    /// <summary>Learning rate at an optimiser step (0-based). Steps past the end keep the last value.</summary>
    public double At(long step)
    {
        if (step < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, "step must be non-negative");
        }
        if (step < WarmupSteps)
        {
            // np.linspace(0, peak, W)[step]: both ends inclusive.
            return WarmupSteps == 1 ? PeakLr : PeakLr * step / (WarmupSteps - 1);
        }
        var k = step - WarmupSteps;
        var cosineSteps = TotalSteps - WarmupSteps;
        if (cosineSteps <= 0)
        {
            return PeakLr;
        }
        k = Math.Min(k, cosineSteps - 1);
        return MinLr + 0.5 * (PeakLr - MinLr) * (1 + Math.Cos(Math.PI * k / cosineSteps));
    }

    /// <summary>Checks the values before any work starts.</summary>
    public void Validate()
    {
        if (!(PeakLr > 0) || double.IsInfinity(PeakLr))
        {
            throw new UserInputException($"learning rate must be positive and finite, got {PeakLr}");
        }
        if (MinLr < 0 || MinLr > PeakLr)
        {
            throw new UserInputException($"minimum learning rate must be in [0, lr={PeakLr}], got {MinLr}");
        }
        if (TotalSteps < 1)
        {
            throw new UserInputException($"total steps must be at least 1, got {TotalSteps}");
        }
        if (WarmupSteps < 0 || WarmupSteps > TotalSteps)
        {
            throw new UserInputException($"warm-up steps must be in [0, {TotalSteps}], got {WarmupSteps}");
        }
    }
}
