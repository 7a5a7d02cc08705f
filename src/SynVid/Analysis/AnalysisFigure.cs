using SkiaSharp;
using SynVid.Analysis.Features;
using SynVid.Analysis.Metrics;
using SynVid.Datasets;
using SynVid.Video;
using static TorchSharp.torch;

namespace SynVid.Analysis;

/// <summary>
/// The analysis figure: a row of sample frames of the data, a row of the reference, and below them the radially averaged
/// amplitude spectra of both (log–log, frequency in cycles per pixel) with their fitted slopes.
/// </summary>
public static class AnalysisFigure
{
    private const int Thumb = 96;
    private const int Gap = 4;

    /// <summary>Writes the figure to <paramref name="path"/> (atomically).</summary>
    public static void Save(string path, DatasetMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var plot = SpectrumPlot(metrics);
        var columns = Math.Max(metrics.Data.SampleFrames.Count, metrics.Reference.SampleFrames.Count);
        var width = Math.Max((columns * (Thumb + Gap)) + Gap, plot.Width);
        var height = (2 * (Thumb + Gap)) + Gap + plot.Height;
        var canvas = new RgbImage(width, height);
        Array.Fill(canvas.Pixels, (byte)255);
        for (var row = 0; row < 2; row++)
        {
            var frames = row == 0 ? metrics.Data.SampleFrames : metrics.Reference.SampleFrames;
            for (var i = 0; i < frames.Count; i++)
            {
                Paste(canvas, Thumbnail(frames[i]), Gap + (i * (Thumb + Gap)), Gap + (row * (Thumb + Gap)));
            }
        }
        Paste(canvas, plot, 0, (2 * (Thumb + Gap)) + Gap);
        PngFile.Write(path, canvas);
    }

    private static RgbImage SpectrumPlot(DatasetMetrics metrics)
    {
        var plot = new ScottPlot.Plot();
        void AddLine(RadialSpectrum spectrum, string label, ScottPlot.Color color)
        {
            var xs = Enumerable.Range(1, spectrum.Amplitude.Length).Select(r => Math.Log10(r / (double)spectrum.Size)).ToArray();
            var ys = spectrum.Amplitude.Select(a => Math.Log10(Math.Max(a, 1e-12))).ToArray();
            var line = plot.Add.ScatterLine(xs, ys);
            line.LegendText = label;
            line.Color = color;
            line.LineWidth = 2;
        }
        AddLine(metrics.Data.MeanSpectrum, $"data (top row), α = {metrics.SpectrumAlpha:F2}", ScottPlot.Colors.OrangeRed);
        AddLine(metrics.Reference.MeanSpectrum, $"reference (bottom row), α = {metrics.ReferenceSpectrumAlpha:F2}", ScottPlot.Colors.SteelBlue);
        plot.ShowLegend();
        plot.Title("Radially averaged amplitude spectra");
        plot.XLabel("log10 frequency (cycles/pixel)");
        plot.YLabel("log10 mean amplitude");
        var bytes = plot.GetImageBytes(900, 500, ScottPlot.ImageFormat.Png);
        using var bitmap = SKBitmap.Decode(bytes).Copy(SKColorType.Rgba8888);
        return SkiaImages.FromRgba(bitmap.GetPixelSpan(), bitmap.Width, bitmap.Height);
    }

    private static RgbImage Thumbnail(RgbImage frame)
    {
        using var scope = NewDisposeScope();
        var x = FrameBatch.Images([frame], Thumb, Thumb);
        var bytes = x.mul(255).round().clamp(0, 255).to_type(ScalarType.Byte)[0].permute(1, 2, 0).contiguous().data<byte>().ToArray();
        return new RgbImage(Thumb, Thumb, bytes);
    }

    /// <summary>Copies <paramref name="image"/> into <paramref name="canvas"/> at (left, top), clipped.</summary>
    internal static void Paste(RgbImage canvas, RgbImage image, int left, int top)
    {
        var w = Math.Min(image.Width, canvas.Width - left);
        for (var y = 0; y < image.Height && top + y < canvas.Height; y++)
        {
            Buffer.BlockCopy(image.Pixels, image.Offset(0, y), canvas.Pixels, canvas.Offset(left, top + y), w * 3);
        }
    }
}
