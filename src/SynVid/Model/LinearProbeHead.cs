using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace SynVid.Model;

/// <summary>
/// The linear probe's trainable head (docs/reference-behaviour.md §5.4): dropout (the fine-tuning fc dropout, active before the
/// norm as in the reference), BatchNorm1d(D, affine = false, eps 1e-6), then Linear(D, C) with the classifier's tiny
/// init (truncated normal 0.02 × 0.001, bias 0). Keys <c>0.*</c> (running statistics) and <c>1.*</c>, as the
/// reference's <c>Sequential(BatchNorm1d, Linear)</c>.
/// </summary>
public sealed class LinearProbeHead : Module<Tensor, Tensor>
{
    [ComponentName(Name = "dropout")]
    private readonly Dropout _dropout;

    [ComponentName(Name = "0")]
    private readonly BatchNorm1d _norm;

    [ComponentName(Name = "1")]
    private readonly Linear _linear;

    /// <summary>A head on <paramref name="dim"/>-wide features for <paramref name="classes"/> classes.</summary>
    public LinearProbeHead(int dim, int classes, double dropout, double initScale = 0.001)
        : base(nameof(LinearProbeHead))
    {
        _dropout = Dropout(dropout);
        _norm = BatchNorm1d(dim, eps: 1e-6, affine: false);
        _linear = Linear(dim, classes);
        RegisterComponents();
        using var noGrad = no_grad();
        Initialization.TruncNormal(_linear.weight!, 0.0, 0.02, -2.0, 2.0);
        _linear.weight!.mul_(initScale);
        init.zeros_(_linear.bias!);
    }

    /// <summary>Pooled features (B, D) → logits (B, C).</summary>
    public override Tensor forward(Tensor features) => _linear.forward(_norm.forward(_dropout.forward(features)));

    /// <summary>
    /// The eval-mode head as one Linear: BatchNorm with running mean μ and variance σ² followed by (W, b) is
    /// W' = W / √(σ² + ε), b' = b − W'·μ. Returns (weight (C, D), bias (C)).
    /// </summary>
    public (Tensor Weight, Tensor Bias) Folded()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var scale = (_norm.running_var! + _norm.eps).rsqrt();
        var weight = _linear.weight! * scale.unsqueeze(0);
        var bias = _linear.bias! - weight.matmul(_norm.running_mean!);
        return (weight.MoveToOuterDisposeScope(), bias.MoveToOuterDisposeScope());
    }
}
