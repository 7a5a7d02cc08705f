namespace SynVid.Training;

/// <summary>
/// Which parameters are exempt from weight decay in the reference (REFERENCE.md §4.10): every 1-D parameter (biases,
/// LayerNorm weights, q_bias, v_bias), every name ending in ".bias", and the listed token names (pos_embed, cls_token,
/// plus mask_token in pre-training).
/// </summary>
/// <param name="ExemptNames">Exact parameter names (without module prefixes) that never decay.</param>
public sealed record WeightDecayPolicy(IReadOnlySet<string> ExemptNames)
{
    /// <summary>The pre-training policy: pos_embed, cls_token and mask_token exempt.</summary>
    public static WeightDecayPolicy Pretraining { get; } = new(new HashSet<string> { "pos_embed", "cls_token", "mask_token" });

    /// <summary>The fine-tuning policy: pos_embed and cls_token exempt.</summary>
    public static WeightDecayPolicy FineTuning { get; } = new(new HashSet<string> { "pos_embed", "cls_token" });

    /// <summary>Whether the parameter gets weight decay.</summary>
    public bool Decays(string parameterName, IReadOnlyList<long> shape)
    {
        if (shape.Count <= 1 || parameterName.EndsWith(".bias", StringComparison.Ordinal))
        {
            return false;
        }
        var lastDot = parameterName.LastIndexOf('.');
        var leaf = lastDot < 0 ? parameterName : parameterName[(lastDot + 1)..];
        return !ExemptNames.Contains(parameterName) && !ExemptNames.Contains(leaf);
    }
}
