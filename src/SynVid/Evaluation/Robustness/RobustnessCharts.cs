using System.Globalization;
using ScottPlot;
using SynVid.Reporting;

namespace SynVid.Evaluation.Robustness;

/// <summary>
/// Charts of a finished grid, as PNG (ScottPlot): the paper's Figure 3 layout (grouped bars: one group per
/// perturbation type, clean first, one bar per checkpoint) at the headline severity and on the mean over severities,
/// and accuracy-vs-severity curves (one file per type, one line per checkpoint, the clean accuracy at severity 0).
/// </summary>
public static class RobustnessCharts
{
    /// <summary>Files written by <see cref="WriteAll"/>, relative to the output folder.</summary>
    public static IReadOnlyList<string> FileNames(RobustnessSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return [$"figure3_s{summary.HeadlineSeverity}.png", "figure3_mean.png",
            .. summary.Checkpoints[0].Types.Select(t => Path.Combine("curves", $"{t.Type}.png"))];
    }

    /// <summary>Writes every chart into <paramref name="directory"/> (curves under <c>curves/</c>); returns the paths.</summary>
    public static IReadOnlyList<string> WriteAll(string directory, RobustnessSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        Directory.CreateDirectory(Path.Combine(directory, "curves"));
        var paths = FileNames(summary).Select(f => Path.Combine(directory, f)).ToArray();
        GroupedBars(paths[0], summary, t => t.Top1At(summary.HeadlineSeverity),
            string.Create(CultureInfo.InvariantCulture, $"Top-1 under perturbation, severity {summary.HeadlineSeverity}"));
        GroupedBars(paths[1], summary, t => t.MeanTop1,
            $"Top-1 under perturbation, mean over severities {string.Join(",", summary.Severities)}");
        var types = summary.Checkpoints[0].Types;
        for (var i = 0; i < types.Count; i++)
        {
            SeverityCurve(paths[2 + i], summary, types[i].Type);
        }
        return paths;
    }

    /// <summary>Grouped bars: clean, then each type; one colour per checkpoint. Types without a value are left empty.</summary>
    public static void GroupedBars(string path, RobustnessSummary summary, Func<TypeScore, double?> value, string title)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(value);
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var n = summary.Checkpoints.Count;
        var groups = new List<string> { RobustnessCell.CleanKey };
        groups.AddRange(summary.Checkpoints[0].Types.Select(t => t.Label));
        const double groupWidth = 0.8;
        var barWidth = groupWidth / n;
        var bars = new List<Bar>();
        for (var c = 0; c < n; c++)
        {
            var checkpoint = summary.Checkpoints[c];
            var color = palette.GetColor(c);
            for (var g = 0; g < groups.Count; g++)
            {
                var v = g == 0 ? checkpoint.CleanTop1 : value(checkpoint.Types[g - 1]);
                if (v is not { } height)
                {
                    continue;
                }
                bars.Add(new Bar
                {
                    Position = g - groupWidth / 2 + barWidth * (c + 0.5),
                    Value = height,
                    Size = barWidth * 0.95,
                    FillColor = color,
                    LineWidth = 0,
                });
            }
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = checkpoint.Name, FillColor = color });
        }
        plot.Add.Bars(bars);
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (var g = 0; g < groups.Count; g++)
        {
            ticks.AddMajor(g, groups[g]);
        }
        plot.Axes.Bottom.TickGenerator = ticks;
        plot.Axes.Bottom.TickLabelStyle.Rotation = -45;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
        plot.Axes.Bottom.MinimumSize = 90;
        plot.Axes.SetLimits(-0.6, groups.Count - 0.4, 0, 105);
        plot.Grid.XAxisStyle.MajorLineStyle.Width = 0;
        plot.ShowLegend(Alignment.UpperRight);
        plot.Title(title);
        plot.YLabel("top-1 accuracy (%)");
        PlotFile.SavePng(plot, path, Math.Max(700, 60 + groups.Count * (18 * n + 24)), 480);
    }

    /// <summary>Top-1 against severity for one type, one line per checkpoint, the clean accuracy at severity 0.</summary>
    public static void SeverityCurve(string path, RobustnessSummary summary, string type)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        string? label = null;
        for (var c = 0; c < summary.Checkpoints.Count; c++)
        {
            var checkpoint = summary.Checkpoints[c];
            var scores = checkpoint.Types.First(t => t.Type == type);
            label = scores.Label;
            double[] xs = [0, .. scores.Severities.Select(s => (double)s.Severity)];
            double[] ys = [checkpoint.CleanTop1, .. scores.Severities.Select(s => s.Top1)];
            var line = plot.Add.Scatter(xs, ys, palette.GetColor(c));
            line.LegendText = checkpoint.Name;
            line.LineWidth = 2;
            line.MarkerSize = 7;
        }
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        ticks.AddMajor(0, "clean");
        foreach (var s in summary.Severities)
        {
            ticks.AddMajor(s, s.ToString(CultureInfo.InvariantCulture));
        }
        plot.Axes.Bottom.TickGenerator = ticks;
        plot.Axes.SetLimits(-0.3, summary.Severities.Max() + 0.3, 0, 105);
        plot.ShowLegend(Alignment.LowerLeft);
        plot.Title(label == type ? type : $"{type} ({label})");
        plot.XLabel("severity");
        plot.YLabel("top-1 accuracy (%)");
        PlotFile.SavePng(plot, path, 640, 420);
    }
}
