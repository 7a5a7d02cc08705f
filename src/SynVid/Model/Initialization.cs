using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SynVid.Model;

/// <summary>The reference's weight initialisers (docs/reference-behaviour.md §4.5, §4.8). They draw from torch's global generator.</summary>
public static class Initialization
{
    /// <summary>
    /// Fills <paramref name="tensor"/> in place from N(mean, std²) truncated to [a, b], as PyTorch's
    /// <c>nn.init.trunc_normal_</c>: uniform on [2Φ(α) − 1, 2Φ(β) − 1], erfinv, × std·√2, + mean, clamp.
    /// TorchSharp 0.107's <c>nn.init.trunc_normal_</c> multiplies by the mean and adds the std, so it fills every
    /// element with the constant std; do not use it.
    /// </summary>
    public static void TruncNormal(Tensor tensor, double mean, double std, double a, double b)
    {
        using var noGrad = no_grad();
        var low = NormalCdf((a - mean) / std);
        var high = NormalCdf((b - mean) / std);
        tensor.uniform_(2 * low - 1, 2 * high - 1);
        tensor.erfinv_();
        tensor.mul_(std * Math.Sqrt(2.0));
        tensor.add_(mean);
        tensor.clamp_(a, b);
    }

    /// <summary>Pre-training init of every Linear below <paramref name="module"/>: xavier-uniform weight, zero bias.</summary>
    public static void XavierUniformLinears(nn.Module module)
    {
        using var noGrad = no_grad();
        foreach (var (_, m) in module.named_modules())
        {
            if (m is Linear linear)
            {
                nn.init.xavier_uniform_(linear.weight!);
                if (linear.bias is not null)
                {
                    nn.init.zeros_(linear.bias);
                }
            }
        }
    }

    /// <summary>Fine-tuning init of every Linear below <paramref name="module"/>: truncated normal (±2, i.e. untruncated), zero bias.</summary>
    public static void TruncNormalLinears(nn.Module module, double std)
    {
        using var noGrad = no_grad();
        foreach (var (_, m) in module.named_modules())
        {
            if (m is Linear linear)
            {
                TruncNormal(linear.weight!, 0.0, std, -2.0, 2.0);
                if (linear.bias is not null)
                {
                    nn.init.zeros_(linear.bias);
                }
            }
        }
    }

    /// <summary>Every LayerNorm below <paramref name="module"/> to weight 1, bias 0.</summary>
    public static void ResetLayerNorms(nn.Module module)
    {
        using var noGrad = no_grad();
        foreach (var (_, m) in module.named_modules())
        {
            if (m is LayerNorm norm)
            {
                nn.init.ones_(norm.weight!);
                nn.init.zeros_(norm.bias!);
            }
        }
    }

    private static double NormalCdf(double x) => (1.0 + MathNet.Numerics.SpecialFunctions.Erf(x / Math.Sqrt(2.0))) / 2.0;
}
