namespace SynVid.Reporting;

/// <summary>Line plots of training curves (loss against step), raw and smoothed, saved as PNG with ScottPlot.</summary>
public static class LossCurvePlot
{
    /// <summary>Writes a PNG of <paramref name="values"/> against <paramref name="steps"/> with an exponential moving average overlay.</summary>
    public static void Save(string path, IReadOnlyList<long> steps, IReadOnlyList<double> values, string title, string yLabel = "loss", bool logY = false)
    {
        if (steps.Count != values.Count)
        {
            throw new ArgumentException("steps and values differ in length");
        }
        var plot = new ScottPlot.Plot();
        var xs = steps.Select(s => (double)s).ToArray();
        var ys = values.Select(v => logY ? Math.Log10(Math.Max(v, 1e-12)) : v).ToArray();
        if (xs.Length > 0)
        {
            var raw = plot.Add.ScatterLine(xs, ys);
            raw.LegendText = "per step";
            raw.LineWidth = 1;
            raw.Color = ScottPlot.Colors.SteelBlue.WithAlpha(0.35);
            var smooth = plot.Add.ScatterLine(xs, Smooth(ys, 0.9));
            smooth.LegendText = "EMA 0.9";
            smooth.LineWidth = 2;
            smooth.Color = ScottPlot.Colors.SteelBlue;
            plot.ShowLegend();
        }
        plot.Title(title);
        plot.XLabel("step");
        plot.YLabel(logY ? $"log10 {yLabel}" : yLabel);
        PlotFile.SavePng(plot, path, 900, 540);
    }

    /// <summary>Exponential moving average with bias correction (as TensorBoard's smoothing).</summary>
    public static double[] Smooth(IReadOnlyList<double> values, double weight)
    {
        var result = new double[values.Count];
        double last = 0;
        for (var i = 0; i < values.Count; i++)
        {
            last = weight * last + (1 - weight) * values[i];
            result[i] = last / (1 - Math.Pow(weight, i + 1));
        }
        return result;
    }
}
