using SynVid.Model;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SynVid.Training;

/// <summary>
/// The reference's AdamW (docs/reference-behaviour.md §4.10, §5.1) over <see cref="ParameterGroups"/>: weight-decay exemptions and,
/// in fine-tuning, layer-wise lr decay; each group's lr is the schedule's value times its scale.
/// </summary>
public static class OptimizerFactory
{
    /// <summary>AdamW over the groups (lr is set per step by <see cref="SetLearningRate"/>).</summary>
    public static AdamW AdamW(IReadOnlyList<ParameterGroup> groups, double beta1, double beta2, double eps)
    {
        var paramGroups = groups.Select(g => new AdamW.ParamGroup(g.Parameters.Select(p => p.Parameter), new AdamW.Options
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
    public static void SetLearningRate(AdamW optimizer, IReadOnlyList<ParameterGroup> groups, double lr)
    {
        var i = 0;
        foreach (var group in optimizer.ParamGroups)
        {
            group.LearningRate = lr * groups[i++].LrScale;
        }
    }
}
