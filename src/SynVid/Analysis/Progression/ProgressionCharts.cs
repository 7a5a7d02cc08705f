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
            ("fine-tune", ScottPlot.Colors.SteelBlue, r => r.FineTuneTop1, r => r.FineTuneTop1Sd),
            ("linear probe", ScottPlot.Colors.DarkOrange, r => r.LinProbeTop1, _ => null),
            ("k-NN probe", ScottPlot.Colors.SeaGreen, r => r.KnnTop1, _ => null),
            ("attentive probe", ScottPlot.Colors.MediumPurple, r => r.AttentiveTop1, _ => null),
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
        // one row above the bars (the axis runs past 100 to leave room), so the legend never hides a bar
        plot.Legend.Orientation = ScottPlot.Orientation.Horizontal;
        plot.ShowLegend(ScottPlot.Alignment.UpperLeft);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. Enumerable.Range(0, rows.Count).Select(i => (double)i)], [.. rows.Select(r => r.Stage)]);
        plot.Axes.Bottom.TickLabelStyle.Rotation = 30;
        plot.Axes.Bottom.TickLabelStyle.Alignment = ScottPlot.Alignment.MiddleLeft;
        plot.Axes.Bottom.MajorTickStyle.Length = 0; // the rotated names start at the tick: a tick mark would read as a minus sign
        plot.Axes.Bottom.MinimumSize = 120;
        plot.Axes.SetLimits(-0.6, rows.Count - 0.4, 0, 112);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. Enumerable.Range(0, 11).Select(i => i * 10.0)], [.. Enumerable.Range(0, 11).Select(i => (i * 10).ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        plot.YLabel("top-1 (%)");
        plot.Title($"accuracy by pre-training data (downstream: {downstream})");
        PlotFile.SavePng(plot, path, 1200, 600);
    }

    /// <summary>
    /// The scaling curve: each gap (percentage points) against pre-training clips on a log axis, with its 95 % bootstrap
    /// interval as an error bar and a dashed zero line.
    /// </summary>
    public static void Scaling(string path, IReadOnlyList<ScalingPoint> points, IReadOnlyList<ScalingGap> gaps)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(gaps);
        var plot = new ScottPlot.Plot();
        ScottPlot.Color[] colors = [ScottPlot.Colors.SteelBlue, ScottPlot.Colors.DarkOrange, ScottPlot.Colors.SeaGreen, ScottPlot.Colors.MediumPurple];
        var zero = plot.Add.HorizontalLine(0);
        zero.Color = ScottPlot.Colors.Gray;
        zero.LinePattern = ScottPlot.LinePattern.Dashed;
        var xs = points.Select(p => Math.Log10(Math.Max(1, p.PretrainClips))).ToArray();
        const double cap = 0.025;
        for (var g = 0; g < gaps.Count; g++)
        {
            var color = colors[g % colors.Length];
            // a small sideways shift keeps the error bars of two gaps at one budget apart
            var shift = (g - ((gaps.Count - 1) / 2.0)) * 0.03;
            var have = Enumerable.Range(0, points.Count).Where(i => points[i].Gaps.ContainsKey(gaps[g].Key)).ToArray();
            if (have.Length == 0)
            {
                continue;
            }
            var gx = have.Select(i => xs[i] + shift).ToArray();
            var gy = have.Select(i => points[i].Gaps[gaps[g].Key].Value).ToArray();
            var line = plot.Add.Scatter(gx, gy);
            line.Color = color;
            line.LineWidth = 2;
            line.MarkerSize = 8;
            line.LegendText = gaps[g].Label;
            foreach (var i in have)
            {
                var ci = points[i].Gaps[gaps[g].Key];
                var x = xs[i] + shift;
                foreach (var (x1, y1, x2, y2) in new[] { (x, ci.Low, x, ci.High), (x - cap, ci.Low, x + cap, ci.Low), (x - cap, ci.High, x + cap, ci.High) })
                {
                    var bar = plot.Add.Line(x1, y1, x2, y2);
                    bar.Color = color;
                    bar.LineWidth = 1.5f;
                }
            }
        }
        var ticks = points.Select(p => p.PretrainClips).Distinct().OrderBy(c => c).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. ticks.Select(c => Math.Log10(Math.Max(1, c)))], [.. ticks.Select(ClipCount)]);
        plot.Axes.SetLimitsX(xs.Min() - 0.2, xs.Max() + 0.2);
        plot.XLabel("pre-training clips (log scale)");
        plot.YLabel("fine-tuning top-1 gap (points)");
        plot.Title("fine-tuning gaps against the pre-training budget (95% bootstrap CIs)");
        plot.ShowLegend(ScottPlot.Alignment.UpperLeft);
        PlotFile.SavePng(plot, path, 900, 550);
    }

    /// <summary>A clip count in a few characters: 320, 1.5k, 25k, 400k, 1.2M.</summary>
    public static string ClipCount(long clips) => clips switch
    {
        >= 1_000_000 => (clips / 1e6).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + "M",
        >= 1_000 => (clips / 1e3).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + "k",
        _ => clips.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
