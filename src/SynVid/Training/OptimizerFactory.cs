using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SynVid.Training;

/// <summary>A parameter group: its parameters, weight decay and lr multiplier (layer-wise decay).</summary>
/// <param name="Names">Parameter names, for reports.</param>
/// <param name="Parameters">The parameters.</param>
/// <param name="WeightDecay">Weight decay of the group.</param>
/// <param name="LrScale">Multiplier applied to the scheduled lr.</param>
public sealed record ParameterGroupSpec(IReadOnlyList<string> Names, IReadOnlyList<Parameter> Parameters, double WeightDecay, double LrScale);

/// <summary>
/// Builds the reference's AdamW (REFERENCE.md §4.10, §5.1): parameters split by the weight-decay exemptions and, in
/// fine-tuning, by layer id for layer-wise lr decay; each group's lr is the schedule's value times its scale.
/// </summary>
public static class OptimizerFactory
{
    /// <summary>Groups trainable parameters by (decays, layer scale), in first-seen order.</summary>
    public static IReadOnlyList<ParameterGroupSpec> Groups(nn.Module model, double weightDecay, WeightDecayPolicy policy, LayerDecay? layerDecay)
    {
        var groups = new List<(bool Decays, double Scale, List<string> Names, List<Parameter> Params)>();
        foreach (var (name, parameter) in model.named_parameters())
        {
            if (!parameter.requires_grad)
            {
                continue;
            }
            var decays = policy.Decays(name, parameter.shape);
            var scale = layerDecay?.ScaleOf(name) ?? 1.0;
            var group = groups.FindIndex(g => g.Decays == decays && g.Scale == scale);
            if (group < 0)
            {
                groups.Add((decays, scale, [], []));
                group = groups.Count - 1;
            }
            groups[group].Names.Add(name);
            groups[group].Params.Add(parameter);
        }
        return groups.Select(g => new ParameterGroupSpec(g.Names, g.Params, g.Decays ? weightDecay : 0.0, g.Scale)).ToArray();
    }

    /// <summary>AdamW over the groups (lr is set per step by <see cref="SetLearningRate"/>).</summary>
    public static AdamW AdamW(IReadOnlyList<ParameterGroupSpec> groups, double beta1, double beta2, double eps)
    {
        var paramGroups = groups.Select(g => new AdamW.ParamGroup(g.Parameters, new AdamW.Options
        {
            LearningRate = 0.0,
            weight_decay = g.WeightDecay,
            beta1 = beta1,
            beta2 = beta2,
            eps = eps,
        }));
        return optim.AdamW(paramGroups, lr: 0.0, beta1: beta1, beta2: beta2, eps: eps);
    }

    /// <summary>Sets every group's lr to <paramref name="lr"/> times the group's scale.</summary>
    public static void SetLearningRate(AdamW optimizer, IReadOnlyList<ParameterGroupSpec> groups, double lr)
    {
        var i = 0;
        foreach (var group in optimizer.ParamGroups)
        {
            group.LearningRate = lr * groups[i++].LrScale;
        }
    }
}
