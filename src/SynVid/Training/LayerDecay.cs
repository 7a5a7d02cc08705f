using System.Globalization;

namespace SynVid.Training;

/// <summary>
/// Layer-wise learning-rate decay of the reference (REFERENCE.md §4.10), used in fine-tuning: parameters get a layer
/// id (patch embedding and position/class/mask tokens 0, block i → i+1, everything else L+1) and their lr is scaled by
/// decay^(L + 1 − id). Pre-training uses no decay (decay 1).
/// </summary>
/// <param name="Depth">Number of transformer blocks L.</param>
/// <param name="Decay">The decay factor (e.g. 0.75 for ViT-B fine-tuning on UCF101).</param>
public sealed record LayerDecay(int Depth, double Decay)
{
    /// <summary>Layer id of a classifier/encoder parameter name (prefixes such as "encoder." are ignored).</summary>
    public int LayerId(string parameterName)
    {
        var name = StripPrefix(parameterName);
        if (name.StartsWith("patch_embed.", StringComparison.Ordinal) || name is "pos_embed" or "cls_token" or "mask_token")
        {
            return 0;
        }
        if (name.StartsWith("blocks.", StringComparison.Ordinal))
        {
            var end = name.IndexOf('.', "blocks.".Length);
            var index = end < 0 ? name["blocks.".Length..] : name["blocks.".Length..end];
            return int.Parse(index, NumberStyles.None, CultureInfo.InvariantCulture) + 1;
        }
        return Depth + 1;
    }

    /// <summary>The lr multiplier decay^(L + 1 − id).</summary>
    public double Scale(int layerId) => Math.Pow(Decay, Depth + 1 - layerId);

    /// <summary>The lr multiplier of a parameter name.</summary>
    public double ScaleOf(string parameterName) => Scale(LayerId(parameterName));

    private static string StripPrefix(string name)
    {
        foreach (var prefix in new[] { "encoder.", "backbone.", "module." })
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal))
            {
                return name[prefix.Length..];
            }
        }
        return name;
    }
}
