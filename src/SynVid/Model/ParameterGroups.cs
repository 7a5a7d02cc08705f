using TorchSharp.Modules;

namespace SynVid.Model;

/// <summary>One optimiser group: parameters sharing a layer id and a weight-decay setting (docs/reference-behaviour.md §4.10).</summary>
public sealed record ParameterGroup(string Name, int LayerId, double LrScale, double WeightDecay, IReadOnlyList<(string Name, Parameter Parameter)> Parameters);

/// <summary>
/// The reference's optimiser grouping (docs/reference-behaviour.md §4.10): layer ids for layer-wise lr decay and the no-weight-decay rule.
/// Layer id: <c>patch_embed.*</c>, <c>pos_embed</c>, <c>cls_token</c>, <c>mask_token</c> → 0; <c>blocks.i.*</c> → i + 1;
/// everything else → L + 1. Scale(id) = decay^(L + 1 − id).
/// </summary>
public static class ParameterGroups
{
    /// <summary>Names without weight decay besides 1-D tensors and biases: {pos_embed, cls_token}; pre-training adds mask_token.</summary>
    public static IReadOnlySet<string> DefaultSkip { get; } = new HashSet<string> { "pos_embed", "cls_token" };

    /// <summary>Pre-training's skip list (§4.10: plus mask_token).</summary>
    public static IReadOnlySet<string> PretrainSkip { get; } = new HashSet<string> { "pos_embed", "cls_token", "mask_token" };

    /// <summary>Layer id of a classifier (or encoder, with its <c>encoder.</c> prefix removed) parameter name.</summary>
    public static int LayerId(string name, int numLayers)
    {
        if (name is "cls_token" or "mask_token" or "pos_embed" || name.StartsWith("patch_embed", StringComparison.Ordinal))
        {
            return 0;
        }
        if (name.StartsWith("blocks.", StringComparison.Ordinal))
        {
            var index = name.Split('.')[1];
            return int.Parse(index, System.Globalization.CultureInfo.InvariantCulture) + 1;
        }
        return numLayers + 1;
    }

    /// <summary>decay^(L + 1 − id): 1 for the head, decay^(L+1) for the patch embedding.</summary>
    public static double LrScale(int layerId, double decay, int numLayers) => Math.Pow(decay, numLayers + 1 - layerId);

    /// <summary>Whether a parameter gets no weight decay: 1-D, a bias, or in <paramref name="skip"/>.</summary>
    public static bool SkipWeightDecay(string name, long[] shape, IReadOnlySet<string> skip) =>
        shape.Length == 1 || name.EndsWith(".bias", StringComparison.Ordinal) || skip.Contains(name);

    /// <summary>
    /// Groups trainable parameters as the reference's <c>get_parameter_groups</c> does. With <paramref name="layerDecay"/>
    /// null there is one decay and one no-decay group with scale 1 (pre-training); otherwise one pair per layer id.
    /// </summary>
    public static IReadOnlyList<ParameterGroup> Build(
        IEnumerable<(string Name, Parameter Parameter)> parameters, double weightDecay, IReadOnlySet<string> skip,
        int numLayers = 0, double? layerDecay = null)
    {
        var groups = new Dictionary<string, (int LayerId, double Scale, double Wd, List<(string, Parameter)> Items)>();
        foreach (var (name, parameter) in parameters)
        {
            if (!parameter.requires_grad)
            {
                continue;
            }
            var noDecay = SkipWeightDecay(name, parameter.shape, skip);
            var kind = noDecay ? "no_decay" : "decay";
            var layerId = layerDecay is null ? 0 : LayerId(name, numLayers);
            var groupName = layerDecay is null ? kind : $"layer_{layerId}_{kind}";
            if (!groups.TryGetValue(groupName, out var group))
            {
                var scale = layerDecay is null ? 1.0 : LrScale(layerId, layerDecay.Value, numLayers);
                group = (layerId, scale, noDecay ? 0.0 : weightDecay, []);
                groups[groupName] = group;
            }
            group.Items.Add((name, parameter));
        }
        return [.. groups.Select(kv => new ParameterGroup(kv.Key, kv.Value.LayerId, kv.Value.Scale, kv.Value.Wd, kv.Value.Items))];
    }
}
