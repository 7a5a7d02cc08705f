using static TorchSharp.torch;

namespace SynVid.Training;

/// <summary>timm's SoftTargetCrossEntropy (docs/reference-behaviour.md §5.3): mean over the batch of −Σ_c target_c · log_softmax(logits)_c.</summary>
public static class SoftTargetCrossEntropy
{
    /// <summary>The loss of logits (B, C) against soft targets (B, C).</summary>
    public static Tensor Loss(Tensor logits, Tensor targets)
    {
        using var scope = NewDisposeScope();
        return (-targets * nn.functional.log_softmax(logits, -1)).sum(-1).mean().MoveToOuterDisposeScope();
    }
}
