using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace SynVid.Model;

/// <summary>
/// The attentive probe's trainable head over frozen patch tokens, as the attentive probes of masked video models
/// (V-JEPA, Bardes et al. 2024; VideoMAE V2): one learned query attends to the LayerNorm'd tokens with multi-head
/// cross-attention, the attended value is added to the query (the residual of V-JEPA's cross-attention block, without
/// its MLP: a tiny CPU training set fits fewer parameters), then LayerNorm and a linear classifier. Linears start at
/// truncated normal 0.02 with zero bias, the query too (V-JEPA's init).
/// </summary>
public sealed class AttentivePoolingHead : Module<Tensor, Tensor>
{
#pragma warning disable IDE0044 // Module.to() replaces parameters through this field.
    [ComponentName(Name = "query")]
    private Parameter _query;
#pragma warning restore IDE0044

    [ComponentName(Name = "norm")]
    private readonly LayerNorm _norm;

    [ComponentName(Name = "q")]
    private readonly Linear _q;

    [ComponentName(Name = "kv")]
    private readonly Linear _kv;

    [ComponentName(Name = "proj")]
    private readonly Linear _proj;

    [ComponentName(Name = "fc_norm")]
    private readonly LayerNorm _fcNorm;

    [ComponentName(Name = "head")]
    private readonly Linear _head;

    private readonly int _heads;

    /// <summary>A head on <paramref name="dim"/>-wide tokens with <paramref name="heads"/> attention heads and <paramref name="classes"/> outputs.</summary>
    public AttentivePoolingHead(int dim, int heads, int classes, double layerNormEps = 1e-6)
        : base(nameof(AttentivePoolingHead))
    {
        if (heads < 1 || dim % heads != 0)
        {
            throw new ArgumentException($"width {dim} is not divisible by {heads} heads");
        }
        _heads = heads;
        _query = Parameter(zeros(1, 1, dim));
        _norm = LayerNorm(dim, layerNormEps);
        _q = Linear(dim, dim);
        _kv = Linear(dim, 2L * dim);
        _proj = Linear(dim, dim);
        _fcNorm = LayerNorm(dim, layerNormEps);
        _head = Linear(dim, classes);
        RegisterComponents();
        Initialization.TruncNormalLinears(this, 0.02);
        Initialization.ResetLayerNorms(this);
        using var noGrad = no_grad();
        Initialization.TruncNormal(_query, 0.0, 0.02, -2.0, 2.0);
    }

    /// <summary>Tokens (B, N, D) → logits (B, classes).</summary>
    public override Tensor forward(Tensor tokens)
    {
        using var scope = NewDisposeScope();
        long b = tokens.shape[0], n = tokens.shape[1], d = tokens.shape[2];
        var dh = d / _heads;
        var x = _norm.forward(tokens);
        var q = _q.forward(_query).reshape(1, 1, _heads, dh).transpose(1, 2).expand(b, _heads, 1, dh);
        var kv = _kv.forward(x).reshape(b, n, 2, _heads, dh).permute(2, 0, 3, 1, 4);
        var attended = functional.scaled_dot_product_attention(q, kv[0], kv[1]);
        var pooled = _proj.forward(attended.transpose(1, 2).reshape(b, d)) + _query.reshape(1, d);
        return _head.forward(_fcNorm.forward(pooled)).MoveToOuterDisposeScope();
    }
}
