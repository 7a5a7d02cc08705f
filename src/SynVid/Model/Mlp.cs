using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace SynVid.Model;

/// <summary>Linear(D, hidden) → exact GELU → Linear(hidden, D) (docs/reference-behaviour.md §4.3). Keys: <c>fc1.*</c>, <c>fc2.*</c>.</summary>
public sealed class Mlp : Module<Tensor, Tensor>
{
    [ComponentName(Name = "fc1")]
    private readonly Linear _fc1;

    [ComponentName(Name = "fc2")]
    private readonly Linear _fc2;

    private readonly MatmulPrecision _precision;

    /// <summary>Creates the MLP.</summary>
    public Mlp(int dim, int hidden, MatmulPrecision precision = MatmulPrecision.Float32)
        : base(nameof(Mlp))
    {
        _precision = precision;
        _fc1 = Linear(dim, hidden);
        _fc2 = Linear(hidden, dim);
        RegisterComponents();
    }

    /// <summary>(…, D) → (…, D).</summary>
    public override Tensor forward(Tensor x)
    {
        using var h = PrecisionLinear.Apply(_fc1, x, _precision);
        using var a = nn.functional.gelu(h);
        return PrecisionLinear.Apply(_fc2, a, _precision);
    }
}
