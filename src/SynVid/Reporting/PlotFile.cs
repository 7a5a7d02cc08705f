using SynVid.Serialization;

namespace SynVid.Reporting;

/// <summary>Charts saved as PNG files that appear whole or not at all.</summary>
public static class PlotFile
{
    /// <summary>Renders <paramref name="plot"/> at <paramref name="width"/> × <paramref name="height"/> and writes it to <paramref name="path"/>.</summary>
    public static void SavePng(ScottPlot.Plot plot, string path, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(plot);
        AtomicFile.WriteAllBytes(path, plot.GetImageBytes(width, height, ScottPlot.ImageFormat.Png));
    }
}
