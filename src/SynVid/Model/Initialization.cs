using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SynVid.Model;

/// <summary>The reference's weight initialisers (REFERENCE.md §4.5, §4.8). They draw from torch's global generator.</summary>
public static class Initialization
{
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
                nn.init.trunc_normal_(linear.weight!, 0.0, std, -2.0, 2.0);
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
}
