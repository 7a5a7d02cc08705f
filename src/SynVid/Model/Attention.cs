using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace SynVid.Model;

/// <summary>
/// Multi-head self-attention of the reference (docs/reference-behaviour.md §4.3): qkv = x·W_qkvᵀ + [q_bias; 0; v_bias] with the k bias
/// fixed at zero, softmax((q·d_h^−½)kᵀ)v through <c>scaled_dot_product_attention</c>, then <c>proj</c>.
/// Checkpoint keys: <c>qkv.weight</c>, <c>q_bias</c>, <c>v_bias</c>, <c>proj.weight</c>, <c>proj.bias</c>.
/// </summary>
public sealed class Attention : Module<Tensor, Tensor>
{
    [ComponentName(Name = "qkv")]
    private readonly Linear _qkv;

#pragma warning disable IDE0044 // Module.to() replaces parameters through this field.
    [ComponentName(Name = "q_bias")]
    private Parameter? _qBias;
#pragma warning restore IDE0044

#pragma warning disable IDE0044 // Module.to() replaces parameters through this field.
    [ComponentName(Name = "v_bias")]
    private Parameter? _vBias;
#pragma warning restore IDE0044

    [ComponentName(Name = "proj")]
    private readonly Linear _proj;

    private readonly int _numHeads;
    private readonly MatmulPrecision _precision;

    /// <summary>Creates the layer; q_bias and v_bias start at zero.</summary>
    public Attention(int dim, int numHeads, bool qkvBias, MatmulPrecision precision = MatmulPrecision.Float32)
        : base(nameof(Attention))
    {
        _numHeads = numHeads;
        _precision = precision;
        _qkv = Linear(dim, 3L * dim, hasBias: false);
        if (qkvBias)
        {
            _qBias = Parameter(zeros(dim));
            _vBias = Parameter(zeros(dim));
        }
        _proj = Linear(dim, dim);
        RegisterComponents();
    }

    /// <summary>Heads.</summary>
    public int NumHeads => _numHeads;

    /// <summary>(B, N, D) → (B, N, D).</summary>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var (q, k, v) = Project(x);
        var attended = nn.functional.scaled_dot_product_attention(q, k, v);
        var merged = attended.transpose(1, 2).reshape(x.shape[0], x.shape[1], -1);
        return PrecisionLinear.Apply(_proj, merged, _precision).MoveToOuterDisposeScope();
    }

    /// <summary>The keys of this layer for input <paramref name="x"/>: (B, heads, N, d_h).</summary>
    public Tensor Keys(Tensor x)
    {
        using var scope = NewDisposeScope();
        var (_, k, _) = Project(x);
        return k.contiguous().MoveToOuterDisposeScope();
    }

    private (Tensor Q, Tensor K, Tensor V) Project(Tensor x)
    {
        var b = x.shape[0];
        var n = x.shape[1];
        Tensor? bias = null;
        if (_qBias is not null && _vBias is not null)
        {
            // The k bias is a constant zero, not a parameter (§4.3).
            bias = cat([_qBias, zeros_like(_vBias), _vBias]);
        }
        var qkv = PrecisionLinear.Apply(x, _qkv.weight!, bias, _precision)
            .reshape(b, n, 3, _numHeads, -1)
            .permute(2, 0, 3, 1, 4);
        return (qkv[0], qkv[1], qkv[2]);
    }
}
