using SkiaSharp;
using SynVid.Video;

namespace SynVid.Evaluation.Perturbations;

/// <summary>
/// A contact sheet of every perturbation type at every severity: one row per type (catalogue order), a first column
/// with the clean view, then one column per severity (up to 6; static rotate's sixth level is 180°). The view is the
/// clip's centre square scaled to <see cref="CellSize"/>², as a model sees a 224² crop. Spatial cells show the
/// perturbed middle frame; temporal cells show a 2×2 mosaic of the perturbed clip at ¼-steps (0, ¼, ½, ¾ of its
/// length), so re-ordering and freezing are visible. Rows are labelled with the type key.
/// </summary>
public sealed record PerturbationContactSheet
{
    /// <summary>Side of one cell in pixels (the spatial perturbations' parameters assume 224).</summary>
    public int CellSize { get; init; } = 224;

    /// <summary>Width of the label column in pixels.</summary>
    public int LabelWidth { get; init; } = 170;

    /// <summary>Height of the column-title strip in pixels.</summary>
    public int HeaderHeight { get; init; } = 28;

    /// <summary>Seed of the perturbations' random draws (video index 0).</summary>
    public long Seed { get; init; }

    /// <summary>Renders the sheet for a clip; <paramref name="rowDone"/> is told after each finished row.</summary>
    public RgbImage Render(IReadOnlyList<RgbImage> clip, IProgress<int>? rowDone = null)
    {
        PerturbationGuards.CheckFrames(clip);
        var views = clip.Select(f => CentreSquare(f, CellSize)).ToArray();
        var columns = 1 + PerturbationCatalog.All.Max(p => p.SeverityCount);
        var header = HeaderHeight;
        var width = LabelWidth + columns * CellSize;
        var height = header + PerturbationCatalog.All.Count * CellSize;
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using var font = new SKFont(SKTypeface.Default, 16);
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        canvas.DrawText("clean", LabelWidth + 8, header - 8, font, ink);
        for (var s = 1; s < columns; s++)
        {
            canvas.DrawText($"severity {s}", LabelWidth + s * CellSize + 8, header - 8, font, ink);
        }
        var middle = views.Length / 2;
        for (var row = 0; row < PerturbationCatalog.All.Count; row++)
        {
            var p = PerturbationCatalog.All[row];
            var top = header + row * CellSize;
            canvas.DrawText(p.Key, 6, top + CellSize / 2f, font, ink);
            Draw(canvas, p is ITemporalPerturbation ? Mosaic(views) : views[middle], LabelWidth, top);
            for (var s = 1; s <= p.SeverityCount; s++)
            {
                var cell = p is ITemporalPerturbation
                    ? Mosaic(ClipPerturbation.Apply(views, p, s, Seed))
                    : ClipPerturbation.Apply([views[middle]], p, s, Seed)[0];
                Draw(canvas, cell, LabelWidth + s * CellSize, top);
            }
            rowDone?.Report(row + 1);
        }
        using var snapshot = surface.Snapshot();
        var rgba = new byte[width * height * 4];
        unsafe
        {
            fixed (byte* ptr = rgba)
            {
                snapshot.ReadPixels(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul), (nint)ptr, width * 4, 0, 0);
            }
        }
        var rgb = new byte[width * height * 3];
        for (int i = 0, j = 0; i < rgb.Length; i += 3, j += 4)
        {
            (rgb[i], rgb[i + 1], rgb[i + 2]) = (rgba[j], rgba[j + 1], rgba[j + 2]);
        }
        return new RgbImage(width, height, rgb);
    }

    /// <summary>Renders the sheet and writes it as a PNG (complete or not at all); creates the folder if needed.</summary>
    public void WritePng(IReadOnlyList<RgbImage> clip, string path, IProgress<int>? rowDone = null)
    {
        var sheet = Render(clip, rowDone);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        PngFile.Write(path, sheet);
    }

    /// <summary>The centre square of a frame scaled to size² with bilinear filtering.</summary>
    internal static RgbImage CentreSquare(RgbImage frame, int size)
    {
        var side = Math.Min(frame.Width, frame.Height);
        using var source = ToSkImage(frame);
        using var surface = SKSurface.Create(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Premul));
        var src = SKRect.Create((frame.Width - side) / 2, (frame.Height - side) / 2, side, side);
        surface.Canvas.DrawImage(source, src, SKRect.Create(size, size), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        var rgba = new byte[size * size * 4];
        unsafe
        {
            fixed (byte* ptr = rgba)
            {
                using var snapshot = surface.Snapshot();
                snapshot.ReadPixels(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Premul), (nint)ptr, size * 4, 0, 0);
            }
        }
        var rgb = new byte[size * size * 3];
        for (int i = 0, j = 0; i < rgb.Length; i += 3, j += 4)
        {
            (rgb[i], rgb[i + 1], rgb[i + 2]) = (rgba[j], rgba[j + 1], rgba[j + 2]);
        }
        return new RgbImage(size, size, rgb);
    }

    /// <summary>Frames at 0, ¼, ½ and ¾ of the clip, each at half size, in a 2×2 grid read row by row.</summary>
    private static RgbImage Mosaic(IReadOnlyList<RgbImage> frames)
    {
        var size = frames[0].Width;
        var half = size / 2;
        var output = new RgbImage(size, size);
        for (var q = 0; q < 4; q++)
        {
            var frame = frames[q * frames.Count / 4];
            int ox = q % 2 * half, oy = q / 2 * half;
            for (var y = 0; y < half; y++)
            {
                for (var x = 0; x < half; x++)
                {
                    Array.Copy(frame.Pixels, frame.Offset(x * 2, y * 2), output.Pixels, output.Offset(ox + x, oy + y), 3);
                }
            }
        }
        return output;
    }

    private static void Draw(SKCanvas canvas, RgbImage image, int left, int top)
    {
        using var sk = ToSkImage(image);
        canvas.DrawImage(sk, left, top);
    }

    private static SKImage ToSkImage(RgbImage image)
    {
        var rgba = new byte[image.Width * image.Height * 4];
        for (int i = 0, j = 0; i < image.Pixels.Length; i += 3, j += 4)
        {
            (rgba[j], rgba[j + 1], rgba[j + 2], rgba[j + 3]) = (image.Pixels[i], image.Pixels[i + 1], image.Pixels[i + 2], 255);
        }
        var info = new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        return SKImage.FromPixelCopy(info, rgba, image.Width * 4);
    }
}
