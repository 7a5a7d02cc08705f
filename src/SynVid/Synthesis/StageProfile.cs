namespace SynVid.Synthesis;

/// <summary>The two generator profiles of docs/reference-behaviour.md §2.11.</summary>
public enum StageProfile
{
    /// <summary>Reproduces the data that produced the published numbers (quirks Q1–Q4 kept).</summary>
    Reference,

    /// <summary>Follows the paper's prose: circles fully transformed in radians, centre pivot, random crop origin.</summary>
    Corrected,
}

/// <summary>Applies a <see cref="StageProfile"/> to stage parameters.</summary>
public static class StageProfiles
{
    /// <summary>The parameters under <paramref name="profile"/>.</summary>
    public static StageParameters Apply(StageParameters stage, StageProfile profile)
    {
        ArgumentNullException.ThrowIfNull(stage);
        return profile == StageProfile.Reference
            ? stage
            : stage with
            {
                CircleTransform = CircleTransform.FullAffine,
                CircleAngleUnits = AngleUnits.Radians,
                Pivot = PivotMode.Centre,
                CropOrigin = CropOrigin.UniformRandom,
            };
    }
}
