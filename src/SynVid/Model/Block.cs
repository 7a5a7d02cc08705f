using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace SynVid.Model;

/// <summary>
/// Pre-norm transformer block (docs/reference-behaviour.md §4.3): x ← x + DropPath(γ₁·Attn(LN₁(x))); x ← x + DropPath(γ₂·MLP(LN₂(x))).
/// γ (keys <c>gamma_1</c>, <c>gamma_2</c>) exists only with layer scale (init value &gt; 0). Other keys: <c>norm1.*</c>,
/// <c>attn.*</c>, <c>norm2.*</c>, <c>mlp.*</c>.
/// </summary>
public sealed class Block : Module<Tensor, Tensor>
{
    [ComponentName(Name = "norm1")]
    private readonly LayerNorm _norm1;

    [ComponentName(Name = "attn")]
    private readonly Attention _attn;

    [ComponentName(Name = "norm2")]
    private readonly LayerNorm _norm2;

    [ComponentName(Name = "mlp")]
    private readonly Mlp _mlp;

#pragma warning disable IDE0044 // Module.to() replaces parameters through this field.
    [ComponentName(Name = "gamma_1")]
    private Parameter? _gamma1;
#pragma warning restore IDE0044

#pragma warning disable IDE0044 // Module.to() replaces parameters through this field.
    [ComponentName(Name = "gamma_2")]
    private Parameter? _gamma2;
#pragma warning restore IDE0044

    private readonly double _dropPath;

    /// <summary>Creates a block of width <c>config.EmbedDim</c> with drop-path rate <paramref name="dropPath"/>.</summary>
    public Block(VideoVitConfig config, double dropPath)
        : base(nameof(Block))
    {
        _dropPath = dropPath;
        _norm1 = LayerNorm(config.EmbedDim, config.LayerNormEps);
        _attn = new Attention(config.EmbedDim, config.NumHeads, config.QkvBias, config.Precision);
        _norm2 = LayerNorm(config.EmbedDim, config.LayerNormEps);
        _mlp = new Mlp(config.EmbedDim, config.MlpHidden, config.Precision);
        if (config.InitValues > 0)
        {
            _gamma1 = Parameter(full(config.EmbedDim, config.InitValues));
            _gamma2 = Parameter(full(config.EmbedDim, config.InitValues));
        }
        RegisterComponents();
    }

    /// <summary>The attention layer (for the features API).</summary>
    public Attention Attn => _attn;

    /// <summary>The first LayerNorm (its output feeds the attention).</summary>
    public LayerNorm Norm1 => _norm1;

    /// <summary>Drop-path rate of this block.</summary>
    public double DropPathRate => _dropPath;

    /// <summary>(B, N, D) → (B, N, D).</summary>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var a = _attn.forward(_norm1.forward(x));
        if (_gamma1 is not null)
        {
            a = a * _gamma1;
        }
        x = x + DropPath(a);
        var m = _mlp.forward(_norm2.forward(x));
        if (_gamma2 is not null)
        {
            m = m * _gamma2;
        }
        return (x + DropPath(m)).MoveToOuterDisposeScope();
    }

    // Per-sample stochastic depth as in timm: keep with probability 1 − p and rescale by 1/(1 − p).
    private Tensor DropPath(Tensor x)
    {
        if (_dropPath <= 0 || !training)
        {
            return x;
        }
        var keep = 1.0 - _dropPath;
        var shape = new long[x.dim()];
        Array.Fill(shape, 1L);
        shape[0] = x.shape[0];
        var mask = (rand(shape, x.dtype, x.device) + keep).floor_();
        return x.div(keep) * mask;
    }
}
