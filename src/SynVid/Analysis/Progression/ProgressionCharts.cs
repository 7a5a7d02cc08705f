using SynVid.Reporting;

namespace SynVid.Analysis.Progression;

/// <summary>Figures of the progression report.</summary>
public static class ProgressionCharts
{
    /// <summary>
    /// Grouped bars per arm: our fine-tuning (± s.d. over its runs when there are several), linear-probe, k-NN and
    /// attentive-probe top-1 (the probes only where measured), and the paper's ViT-B UCF101 fine-tuning top-1 (a
    /// different dataset and scale: for the trend only).
    /// </summary>
    public static void Accuracy(string path, IReadOnlyList<ProgressionRow> rows, string downstream)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var plot = new ScottPlot.Plot();
        var series = new (string Label, ScottPlot.Color Color, Func<ProgressionRow, double?> Value, Func<ProgressionRow, double?> Error)[]
        {
            ($"fine-tune ({downstream})", ScottPlot.Colors.SteelBlue, r => r.FineTuneTop1, r => r.FineTuneTop1Sd),
            ($"linear probe ({downstream})", ScottPlot.Colors.DarkOrange, r => r.LinProbeTop1, _ => null),
            ($"k-NN probe ({downstream})", ScottPlot.Colors.SeaGreen, r => r.KnnTop1, _ => null),
            ($"attentive probe ({downstream})", ScottPlot.Colors.MediumPurple, r => r.AttentiveTop1, _ => null),
            ("paper ViT-B UCF101 fine-tune", ScottPlot.Colors.Gray, r => PaperResults.ViTBase.TryGetValue(r.Stage, out var p) ? p.Ucf101FineTune : null, _ => null),
        };
        series = [.. series.Where(s => rows.Any(r => s.Value(r) is { } v && double.IsFinite(v)))];
        var width = 0.8 / Math.Max(1, series.Length);
        var bars = new List<ScottPlot.Bar>();
        for (var i = 0; i < rows.Count; i++)
        {
            for (var s = 0; s < series.Length; s++)
            {
                if (series[s].Value(rows[i]) is { } v && double.IsFinite(v))
                {
                    var bar = new ScottPlot.Bar { Position = i + ((s - ((series.Length - 1) / 2.0)) * width), Value = v, FillColor = series[s].Color, Size = width * 0.95 };
                    if (series[s].Error(rows[i]) is { } e && double.IsFinite(e))
                    {
                        bar.Error = e;
                    }
                    bars.Add(bar);
                }
            }
        }
        plot.Add.Bars(bars);
        foreach (var (label, color, _, _) in series)
        {
            plot.Legend.ManualItems.Add(new ScottPlot.LegendItem { LabelText = label, FillColor = color });
        }
        plot.ShowLegend(ScottPlot.Alignment.UpperLeft);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. Enumerable.Range(0, rows.Count).Select(i => (double)i)], [.. rows.Select(r => r.Stage)]);
        plot.Axes.Bottom.TickLabelStyle.Rotation = 30;
        plot.Axes.Bottom.TickLabelStyle.Alignment = ScottPlot.Alignment.MiddleLeft;
        plot.Axes.Bottom.MajorTickStyle.Length = 0; // the rotated names start at the tick: a tick mark would read as a minus sign
        plot.Axes.Bottom.MinimumSize = 120;
        plot.Axes.SetLimits(-0.6, rows.Count - 0.4, 0, 105);
        plot.YLabel("top-1 (%)");
        plot.Title("accuracy by pre-training data");
        PlotFile.SavePng(plot, path, 1200, 600);
    }
}
