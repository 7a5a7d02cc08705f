namespace SynVid.Reporting;

/// <summary>A confusion-matrix heat map: rows are true classes, columns predicted classes, each row normalised to sum 1.</summary>
public static class ConfusionMatrixPlot
{
    /// <summary>Class names are written on the axes up to this many classes (beyond it they would overlap).</summary>
    public const int MaxLabelledClasses = 40;

    /// <summary>Writes the PNG (to a temporary name, then renamed).</summary>
    public static void Save(string path, int[,] counts, IReadOnlyList<string> classNames, string title)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(classNames);
        var n = classNames.Count;
        if (counts.GetLength(0) != n || counts.GetLength(1) != n)
        {
            throw new ArgumentException($"the matrix is {counts.GetLength(0)}x{counts.GetLength(1)} for {n} classes", nameof(counts));
        }
        var rates = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            double total = 0;
            for (var j = 0; j < n; j++)
            {
                total += counts[i, j];
            }
            for (var j = 0; j < n; j++)
            {
                rates[i, j] = total == 0 ? double.NaN : counts[i, j] / total;
            }
        }
        var plot = new ScottPlot.Plot();
        var heatmap = plot.Add.Heatmap(rates);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        heatmap.ManualRange = new ScottPlot.Range(0, 1);
        // cell (i, j) spans [j, j + 1] × [n − i − 1, n − i]: row 0 on top
        heatmap.Extent = new ScottPlot.CoordinateRect(0, n, 0, n);
        plot.Add.ColorBar(heatmap).Label = "fraction of the true class";
        if (n <= MaxLabelledClasses)
        {
            var positions = Enumerable.Range(0, n).Select(i => i + 0.5).ToArray();
            plot.Axes.Bottom.SetTicks(positions, [.. classNames]);
            plot.Axes.Bottom.TickLabelStyle.Rotation = 45;
            plot.Axes.Bottom.TickLabelStyle.Alignment = ScottPlot.Alignment.MiddleLeft;
            plot.Axes.Left.SetTicks(positions.Reverse().ToArray(), [.. classNames]);
        }
        plot.Title(title);
        plot.XLabel("predicted");
        plot.YLabel("true");
        plot.Axes.SetLimits(0, n, 0, n);
        var size = Math.Clamp(300 + 18 * n, 600, 2400);
        PlotFile.SavePng(plot, path, size + 120, size);
    }
}
