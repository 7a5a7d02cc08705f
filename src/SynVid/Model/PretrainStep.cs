using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SynVid.Model;

/// <summary>Optimiser settings of a pre-training step (REFERENCE.md §5.1, §9: AdamW, betas (0.9, 0.95), weight decay 0.05).</summary>
public sealed record PretrainOptimizerConfig
{
    /// <summary>Learning rate of this step (the schedule belongs to the training loop).</summary>
    public double LearningRate { get; init; } = 2.25e-4;

    /// <summary>AdamW β₁.</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>AdamW β₂ (§9: 0.95 for pre-training).</summary>
    public double Beta2 { get; init; } = 0.95;

    /// <summary>AdamW ε.</summary>
    public double Eps { get; init; } = 1e-8;

    /// <summary>Weight decay for ≥2-D weights (§4.10: none for 1-D, biases, mask_token).</summary>
    public double WeightDecay { get; init; } = 0.05;
}

/// <summary>
/// One pre-training step: normalised-pixel target, forward, MSE over masked tokens, backward, AdamW. Each call runs in its
/// own dispose scope, so nothing but the optimiser state outlives it.
/// </summary>
public sealed class PretrainStep : IDisposable
{
    private readonly PretrainModel _model;
    private readonly AdamW _optimizer;
    private readonly bool _normalizeTarget;

    /// <summary>Creates the optimiser over <paramref name="model"/>'s parameters, grouped as §4.10 (no layer decay).</summary>
    public PretrainStep(PretrainModel model, PretrainOptimizerConfig? optimizer = null, bool normalizeTarget = ReconstructionTarget.NormalizeDefault)
    {
        var o = optimizer ?? new PretrainOptimizerConfig();
        _model = model;
        _normalizeTarget = normalizeTarget;
        var groups = ParameterGroups.Build(model.named_parameters(), o.WeightDecay, ParameterGroups.PretrainSkip)
            .Select(g => new AdamW.ParamGroup(g.Parameters.Select(p => p.Parameter), o.LearningRate, o.Beta1, o.Beta2, o.Eps, g.WeightDecay, false, false))
            .ToList();
        _optimizer = optim.AdamW(groups, o.LearningRate, o.Beta1, o.Beta2, o.Eps, o.WeightDecay);
    }

    /// <summary>The optimiser (for checkpointing its state).</summary>
    public AdamW Optimizer => _optimizer;

    /// <summary>Runs one step on an ImageNet-normalised clip batch and its mask; returns the loss before the update.</summary>
    public float Run(Tensor clip, Tensor mask)
    {
        using var scope = NewDisposeScope();
        _model.train();
        var target = ReconstructionTarget.Compute(clip, mask, _model.Config.Encoder, _normalizeTarget);
        var prediction = _model.forward(clip, mask);
        var loss = ReconstructionTarget.Loss(prediction, target);
        _optimizer.zero_grad();
        loss.backward();
        _optimizer.step();
        return loss.item<float>();
    }

    /// <summary>The loss without updating (eval mode, no gradient).</summary>
    public float Evaluate(Tensor clip, Tensor mask)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        _model.eval();
        var target = ReconstructionTarget.Compute(clip, mask, _model.Config.Encoder, _normalizeTarget);
        return ReconstructionTarget.Loss(_model.forward(clip, mask), target).item<float>();
    }

    /// <summary>Releases the optimiser state.</summary>
    public void Dispose() => _optimizer.Dispose();
}
