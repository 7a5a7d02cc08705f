using SynVid.Training;

namespace SynVid.Analysis.Progression;

/// <summary>
/// <c>--set</c> for a progression: preset fields by name, and fields of its pre-training and fine-tuning recipes with the
/// prefixes <c>pretrain.</c> and <c>finetune.</c> (the recipes are then given in full, replacing the preset lookups).
/// </summary>
public static class ProgressionOverrides
{
    /// <summary>Prefix of pre-training recipe fields.</summary>
    public const string PretrainPrefix = "pretrain.";

    /// <summary>Prefix of fine-tuning recipe fields.</summary>
    public const string FineTunePrefix = "finetune.";

    /// <summary>Applies <paramref name="assignments"/> (FIELD=VALUE) to <paramref name="preset"/>.</summary>
    public static ProgressionPreset Apply(ProgressionPreset preset, IReadOnlyList<string> assignments)
    {
        if (assignments.Count == 0)
        {
            return preset;
        }
        string[] With(string prefix) =>
            [.. assignments.Where(a => a.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).Select(a => a[prefix.Length..])];
        var own = assignments.Where(a => !a.StartsWith(PretrainPrefix, StringComparison.OrdinalIgnoreCase) && !a.StartsWith(FineTunePrefix, StringComparison.OrdinalIgnoreCase)).ToArray();
        if (own.Length > 0)
        {
            preset = RecipeOverrides.FromAssignments(own, preset);
        }
        if (With(PretrainPrefix) is { Length: > 0 } pretrain)
        {
            preset = preset with { PretrainRecipe = RecipeOverrides.FromAssignments(pretrain, preset.PretrainRecipe ?? PretrainPresets.Parse(preset.PretrainPreset)) };
        }
        if (With(FineTunePrefix) is { Length: > 0 } fineTune)
        {
            preset = preset with { FineTuneRecipe = RecipeOverrides.FromAssignments(fineTune, preset.FineTuneRecipe ?? FineTunePresets.Parse(preset.FineTunePreset)) };
        }
        return preset;
    }
}
