using SynVid.Analysis.Metrics;

namespace SynVid.Analysis.Progression;

/// <summary>One progression folder of a scaling study: its pre-training budget and its fine-tuning gaps.</summary>
/// <param name="Run">The folder's name.</param>
/// <param name="Directory">The folder.</param>
/// <param name="Preset">Its progression preset.</param>
/// <param name="Seed">Its seed.</param>
/// <param name="PretrainSteps">Pre-training steps of its arms.</param>
/// <param name="PretrainClips">Clips each arm pre-trained on (steps × total batch).</param>
/// <param name="Gaps">Each measured gap (percentage points, with its 95 % bootstrap interval over test videos) by <see cref="ScalingGap.Key"/>.</param>
public sealed record ScalingPoint(
    string Run, string Directory, string Preset, int Seed, long PretrainSteps, long PretrainClips, IReadOnlyDictionary<string, AccuracyInterval> Gaps)
{
    /// <summary>
    /// Whether the point is a budget of one progression's scaling steps, whose gaps compare seed-0 fine-tunings
    /// (<see cref="ProgressionScaling.Budgets"/>), rather than a folder's mean over its fine-tuning runs.
    /// </summary>
    public bool SeedZeroRuns { get; init; }
}
