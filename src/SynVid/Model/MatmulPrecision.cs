using static TorchSharp.torch;

namespace SynVid.Model;

/// <summary>
/// Element type of the Linear layers' matrix products. Float32 is the reference; BFloat16 runs the products in bf16
/// (parameters, LayerNorm, softmax, the loss and the optimiser stay float32), much like CPU autocast, for CPUs with
/// AVX-512 BF16 / AMX and for GPUs. Not stored in checkpoints.
/// </summary>
public enum MatmulPrecision
{
    /// <summary>float32 products: results match the reference to 1e-5.</summary>
    Float32,

    /// <summary>bfloat16 products with float32 outputs.</summary>
    BFloat16,
}

/// <summary>The names recipes and the CLI use for a <see cref="MatmulPrecision"/>: fp32 and bf16.</summary>
public static class MatmulPrecisionNames
{
    /// <summary>The accepted names.</summary>
    public static IReadOnlyList<string> All { get; } = ["fp32", "bf16"];

    /// <summary>Parses fp32 or bf16; throws a <see cref="UserInputException"/> naming <paramref name="field"/> otherwise.</summary>
    public static MatmulPrecision Parse(string name, string field = "precision") => name switch
    {
        "fp32" => MatmulPrecision.Float32,
        "bf16" => MatmulPrecision.BFloat16,
        _ => throw new UserInputException($"{field} must be fp32 or bf16, got '{name}'"),
    };
}

/// <summary>Linear layers evaluated at a chosen <see cref="MatmulPrecision"/>.</summary>
public static class PrecisionLinear
{
    /// <summary>x·Wᵀ + b at <paramref name="precision"/>; the result is float32 when the input is.</summary>
    public static Tensor Apply(Tensor x, Tensor weight, Tensor? bias, MatmulPrecision precision)
    {
        if (precision == MatmulPrecision.Float32)
        {
            return nn.functional.linear(x, weight, bias);
        }
        using var xb = x.to_type(ScalarType.BFloat16);
        using var wb = weight.to_type(ScalarType.BFloat16);
        using var bb = bias?.to_type(ScalarType.BFloat16);
        using var y = nn.functional.linear(xb, wb, bb);
        return y.to_type(x.dtype);
    }

    /// <summary>A TorchSharp Linear module at <paramref name="precision"/>.</summary>
    public static Tensor Apply(TorchSharp.Modules.Linear linear, Tensor x, MatmulPrecision precision) =>
        Apply(x, linear.weight!, linear.bias, precision);
}
