using System.Globalization;
using System.Text;
using System.Text.Json;
using SynVid.Serialization;

namespace SynVid.Evaluation.Robustness;

/// <summary>
/// Writes a finished grid as <c>results.json</c> (nested: settings, per checkpoint the clean accuracy, per type the
/// per-severity accuracies and robustness scores and their means, win counts) and <c>results.csv</c> (one row per
/// checkpoint × type × severity, plus a <c>mean</c> row per type and an <c>all</c>/<c>mean</c> row per checkpoint).
/// Both files are written atomically.
/// </summary>
public static class RobustnessReport
{
    /// <summary>Identifies the layout of results.json.</summary>
    public const string Format = "synvid-robustness-1";

    /// <summary>Header of results.csv.</summary>
    public const string CsvHeader = "checkpoint,type,label,category,severity,top1,top5,absolute_robustness,relative_robustness,num_videos";

    /// <summary>Writes both files into <paramref name="directory"/>.</summary>
    public static void Write(string directory, RobustnessSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        Directory.CreateDirectory(directory);
        AtomicFile.WriteAllText(Path.Combine(directory, "results.json"), ToJson(summary));
        AtomicFile.WriteAllText(Path.Combine(directory, "results.csv"), ToCsv(summary));
    }

    /// <summary>The results.json text.</summary>
    public static string ToJson(RobustnessSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var document = new
        {
            Format,
            summary.Settings.Data,
            summary.Settings.Views,
            summary.Settings.Seed,
            summary.Settings.LegacyInvert,
            summary.Settings.Stride,
            summary.HeadlineSeverity,
            summary.Severities,
            Perturbations = summary.Checkpoints[0].Types.Select(t => t.Type).ToArray(),
            Metrics = new
            {
                AbsoluteRobustness = "1 - (top1_clean - top1_perturbed) / 100",
                RelativeRobustness = "1 - (top1_clean - top1_perturbed) / top1_clean",
                Direction = "higher is more robust; 1 means no loss",
                Averaging = "mean over a type's severities, then mean over types (each type weighs the same)",
            },
            summary.Checkpoints,
            summary.Wins,
        };
        return JsonSerializer.Serialize(document, RobustnessCellStore.Json);
    }

    /// <summary>The results.csv text.</summary>
    public static string ToCsv(RobustnessSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var csv = new StringBuilder().Append(CsvHeader).Append('\n');
        foreach (var c in summary.Checkpoints)
        {
            Row(c.Name, RobustnessCell.CleanKey, RobustnessCell.CleanKey, RobustnessCell.CleanKey, "0", c.CleanTop1, c.CleanTop5, 1, 1, c.NumVideos);
            foreach (var t in c.Types)
            {
                foreach (var s in t.Severities)
                {
                    Row(c.Name, t.Type, t.Label, t.Category, s.Severity.ToString(CultureInfo.InvariantCulture), s.Top1, s.Top5,
                        s.AbsoluteRobustness, s.RelativeRobustness, c.NumVideos);
                }
                Row(c.Name, t.Type, t.Label, t.Category, "mean", t.MeanTop1, t.Severities.Average(s => s.Top5),
                    t.MeanAbsoluteRobustness, t.MeanRelativeRobustness, c.NumVideos);
            }
            Row(c.Name, "all", "all", "all", "mean", c.MeanTop1, c.Types.Average(t => t.Severities.Average(s => s.Top5)),
                c.MeanAbsoluteRobustness, c.MeanRelativeRobustness, c.NumVideos);
        }
        return csv.ToString();

        void Row(string checkpoint, string type, string label, string category, string severity, double top1, double top5,
            double absolute, double relative, int videos) =>
            csv.AppendJoin(',', Quote(checkpoint), type, Quote(label), category, severity, Number(top1), Number(top5),
                Number(absolute), Number(relative), videos.ToString(CultureInfo.InvariantCulture)).Append('\n');
    }

    private static string Number(double value) => double.IsNaN(value) ? "nan" : value.ToString("0.######", CultureInfo.InvariantCulture);

    private static string Quote(string text) =>
        text.AsSpan().IndexOfAny(",\"\n") >= 0 ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text;
}
