namespace SynVid.Evaluation.Robustness;

/// <summary>Accuracy and robustness of one checkpoint under one perturbation type at one severity.</summary>
/// <param name="Severity">Severity level.</param>
/// <param name="Top1">Top-1 accuracy, percent.</param>
/// <param name="Top5">Top-5 accuracy, percent.</param>
/// <param name="AbsoluteRobustness">1 − (A_clean − A_p)/100.</param>
/// <param name="RelativeRobustness">1 − (A_clean − A_p)/A_clean.</param>
public sealed record SeverityScore(int Severity, double Top1, double Top5, double AbsoluteRobustness, double RelativeRobustness);

/// <summary>One perturbation type for one checkpoint: every evaluated severity and their means.</summary>
/// <param name="Type">Perturbation key.</param>
/// <param name="Label">Figure 3 label.</param>
/// <param name="Category">Family (noise, blur, digital, camera, temporal).</param>
/// <param name="Severities">Per-severity scores, ascending.</param>
/// <param name="MeanTop1">Top-1 averaged over the severities.</param>
/// <param name="MeanAbsoluteRobustness">Absolute robustness averaged over the severities.</param>
/// <param name="MeanRelativeRobustness">Relative robustness averaged over the severities.</param>
public sealed record TypeScore(
    string Type, string Label, string Category, IReadOnlyList<SeverityScore> Severities, double MeanTop1,
    double MeanAbsoluteRobustness, double MeanRelativeRobustness)
{
    /// <summary>Top-1 at <paramref name="severity"/>, or null when that level was not evaluated for this type.</summary>
    public double? Top1At(int severity) => Severities.FirstOrDefault(s => s.Severity == severity)?.Top1;
}

/// <summary>All results of one checkpoint.</summary>
/// <param name="Name">Checkpoint name.</param>
/// <param name="Path">Checkpoint file.</param>
/// <param name="CleanTop1">Clean top-1, percent.</param>
/// <param name="CleanTop5">Clean top-5, percent.</param>
/// <param name="NumVideos">Test videos per cell.</param>
/// <param name="Types">Per-type scores in plan order.</param>
/// <param name="MeanTop1">Top-1 averaged over severities, then over types (each type weighs the same).</param>
/// <param name="MeanAbsoluteRobustness">Absolute robustness averaged over severities, then types.</param>
/// <param name="MeanRelativeRobustness">Relative robustness averaged over severities, then types.</param>
public sealed record CheckpointScore(
    string Name, string Path, double CleanTop1, double CleanTop5, int NumVideos, IReadOnlyList<TypeScore> Types,
    double MeanTop1, double MeanAbsoluteRobustness, double MeanRelativeRobustness);

/// <summary>
/// On how many perturbation types checkpoint <paramref name="A"/> has higher top-1 than <paramref name="B"/>
/// (docs/reference-behaviour.md §6.3: "image crops beat UCF101 pre-training on 11/14").
/// </summary>
/// <param name="A">First checkpoint.</param>
/// <param name="B">Second checkpoint.</param>
/// <param name="Basis"><c>severity N</c> (accuracy at the headline severity) or <c>mean</c> (mean over severities).</param>
/// <param name="Wins">Types where A is more accurate.</param>
/// <param name="Losses">Types where B is more accurate.</param>
/// <param name="Ties">Types with equal accuracy.</param>
/// <param name="WonTypes">The keys of the types A wins.</param>
public sealed record WinCount(string A, string B, string Basis, int Wins, int Losses, int Ties, IReadOnlyList<string> WonTypes)
{
    /// <summary>Types compared.</summary>
    public int Compared => Wins + Losses + Ties;
}

/// <summary>The aggregated results of a finished robustness grid.</summary>
/// <param name="Settings">Run settings.</param>
/// <param name="HeadlineSeverity">Severity of the headline chart and win count.</param>
/// <param name="Severities">Severities evaluated.</param>
/// <param name="Checkpoints">Per-checkpoint scores in plan order.</param>
/// <param name="Wins">Win counts for every pair of checkpoints, at the headline severity and on the severity mean.</param>
public sealed record RobustnessSummary(
    RobustnessSettings Settings, int HeadlineSeverity, IReadOnlyList<int> Severities, IReadOnlyList<CheckpointScore> Checkpoints,
    IReadOnlyList<WinCount> Wins)
{
    /// <summary>Aggregates the finished cells of <paramref name="plan"/>.</summary>
    /// <exception cref="ArgumentException">A cell of the plan has no result.</exception>
    public static RobustnessSummary Build(RobustnessPlan plan, RobustnessSettings settings, IReadOnlyDictionary<RobustnessCell, CellResult> results)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(results);
        var checkpoints = plan.Checkpoints.Select(checkpoint =>
        {
            var clean = Result(new RobustnessCell(checkpoint, null, 0));
            var types = plan.Perturbations.Select(p =>
            {
                var levels = plan.SeveritiesOf(p).Select(s =>
                {
                    var r = Result(new RobustnessCell(checkpoint, p, s));
                    return new SeverityScore(s, r.Top1, r.Top5,
                        RobustnessMetrics.Absolute(clean.Top1, r.Top1), RobustnessMetrics.Relative(clean.Top1, r.Top1));
                }).ToArray();
                return new TypeScore(p.Key, p.Label, p.Category.ToString().ToLowerInvariant(), levels,
                    levels.Average(l => l.Top1), levels.Average(l => l.AbsoluteRobustness), levels.Average(l => l.RelativeRobustness));
            }).ToArray();
            return new CheckpointScore(checkpoint.Name, checkpoint.Path, clean.Top1, clean.Top5, clean.NumVideos, types,
                types.Average(t => t.MeanTop1), types.Average(t => t.MeanAbsoluteRobustness), types.Average(t => t.MeanRelativeRobustness));
        }).ToArray();

        var wins = new List<WinCount>();
        for (var i = 0; i < checkpoints.Length; i++)
        {
            for (var j = i + 1; j < checkpoints.Length; j++)
            {
                wins.Add(Count(checkpoints[i], checkpoints[j], $"severity {plan.HeadlineSeverity}", t => t.Top1At(plan.HeadlineSeverity)));
                wins.Add(Count(checkpoints[i], checkpoints[j], "mean", t => t.MeanTop1));
            }
        }
        return new RobustnessSummary(settings, plan.HeadlineSeverity, plan.Severities, checkpoints, wins);

        CellResult Result(RobustnessCell cell) =>
            results.TryGetValue(cell, out var r) ? r : throw new ArgumentException($"no result for cell {cell}", nameof(results));
    }

    /// <summary>Counts the types where <paramref name="a"/> beats <paramref name="b"/> by <paramref name="score"/>; types without a score are skipped.</summary>
    public static WinCount Count(CheckpointScore a, CheckpointScore b, string basis, Func<TypeScore, double?> score)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(score);
        int wins = 0, losses = 0, ties = 0;
        var won = new List<string>();
        foreach (var ta in a.Types)
        {
            var tb = b.Types.FirstOrDefault(t => t.Type == ta.Type);
            if (tb is null || score(ta) is not { } sa || score(tb) is not { } sb)
            {
                continue;
            }
            // Accuracies are ratios of video counts, so equal counts give equal doubles.
            if (Math.Abs(sa - sb) < 1e-9)
            {
                ties++;
            }
            else if (sa > sb)
            {
                wins++;
                won.Add(ta.Type);
            }
            else
            {
                losses++;
            }
        }
        return new WinCount(a.Name, b.Name, basis, wins, losses, ties, won);
    }
}
