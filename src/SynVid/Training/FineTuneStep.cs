using SynVid.Model;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SynVid.Training;

/// <summary>
/// One fine-tuning optimiser step: every group's lr = schedule × its layer-decay scale, forward, soft-target
/// cross-entropy, backward, optional gradient clipping, AdamW. The caller owns the dispose scope of the step.
/// </summary>
public static class FineTuneStep
{
    /// <summary>Runs the step on <paramref name="batch"/>; returns the loss (before the update).</summary>
    public static double Run(VideoClassifier model, AdamW optimizer, IReadOnlyList<ParameterGroup> groups, FineTuneBatch batch, double lr, double? clipGrad, Device device)
    {
        OptimizerFactory.SetLearningRate(optimizer, groups, lr);
        optimizer.zero_grad();
        var logits = model.forward(batch.Clips.to(device));
        var loss = SoftTargetCrossEntropy.Loss(logits, batch.Targets.to(device));
        var value = loss.item<float>();
        if (!double.IsFinite(value))
        {
            return value;
        }
        loss.backward();
        if (clipGrad is { } maxNorm)
        {
            nn.utils.clip_grad_norm_(model.parameters(), maxNorm);
        }
        optimizer.step();
        return value;
    }
}
