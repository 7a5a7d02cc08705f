using SkiaSharp;
using SynVid.Video;

namespace SynVid.Datasets.SynAction;

/// <summary>A grid of frames, one row per clip, for looking at a dataset; saved as PNG.</summary>
public static class ContactSheet
{
    /// <summary>
    /// Lays out <paramref name="rows"/> (each a list of frames) as a grid, every frame scaled to
    /// <paramref name="cellWidth"/> pixels wide, with a caption column on the left.
    /// </summary>
    public static RgbImage Compose(IReadOnlyList<(string Caption, IReadOnlyList<RgbImage> Frames)> rows, int cellWidth, int captionWidth = 110)
    {
        ArgumentOutOfRangeException.ThrowIfZero(rows.Count);
        var first = rows[0].Frames[0];
        var cellHeight = (int)Math.Round(cellWidth * (double)first.Height / first.Width);
        var columns = rows.Max(r => r.Frames.Count);
        const int gap = 2;
        var width = captionWidth + columns * (cellWidth + gap);
        var height = rows.Count * (cellHeight + gap);
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(SKColors.White);
        using var font = new SKFont(SKTypeface.Default, 13);
        using var text = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        var sampling = new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear);
        for (var r = 0; r < rows.Count; r++)
        {
            var y = r * (cellHeight + gap);
            canvas.DrawText(rows[r].Caption, 4, y + cellHeight / 2f + 5, font, text);
            for (var c = 0; c < rows[r].Frames.Count; c++)
            {
                using var image = ToSkImage(rows[r].Frames[c]);
                canvas.DrawImage(image, SKRect.Create(captionWidth + c * (cellWidth + gap), y, cellWidth, cellHeight), sampling);
            }
        }
        canvas.Flush();
        var result = new RgbImage(width, height);
        var rgba = bitmap.GetPixelSpan();
        for (var i = 0; i < width * height; i++)
        {
            result.Pixels[3 * i] = rgba[4 * i];
            result.Pixels[3 * i + 1] = rgba[4 * i + 1];
            result.Pixels[3 * i + 2] = rgba[4 * i + 2];
        }
        return result;
    }

    private static SKImage ToSkImage(RgbImage frame)
    {
        var info = new SKImageInfo(frame.Width, frame.Height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        var rgba = new byte[frame.Width * frame.Height * 4];
        for (var i = 0; i < frame.Width * frame.Height; i++)
        {
            rgba[4 * i] = frame.Pixels[3 * i];
            rgba[4 * i + 1] = frame.Pixels[3 * i + 1];
            rgba[4 * i + 2] = frame.Pixels[3 * i + 2];
            rgba[4 * i + 3] = 255;
        }
        return SKImage.FromPixelCopy(info, rgba);
    }
}

/// <summary>A contact sheet of the benchmark: one clip per action.</summary>
public static class SynActionPreview
{
    /// <summary>
    /// One row per action (the first video of each class in <paramref name="split"/>, offset by
    /// <paramref name="clipOffset"/> videos per class), <paramref name="framesPerClip"/> frames spread over one
    /// movement cycle.
    /// </summary>
    public static RgbImage Sheet(SynActionDataset dataset, SynActionSplit split, int framesPerClip = 8, int cellWidth = 96, int clipOffset = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(framesPerClip, 1);
        var classes = dataset.ClassNames.Count;
        var rows = new List<(string, IReadOnlyList<RgbImage>)>();
        for (var label = 0; label < classes; label++)
        {
            var index = label + classes * clipOffset;
            var scene = dataset.Scene(split, index);
            var period = scene.Fps / scene.CyclesPerSecond;
            var span = Math.Min(scene.FrameCount - 1, period);
            var frames = Enumerable.Range(0, framesPerClip)
                .Select(k => (int)Math.Round(framesPerClip == 1 ? 0 : k * span / (framesPerClip - 1)))
                .ToArray();
            rows.Add((dataset.ClassNames[label], SynActionRenderer.Render(scene, frames)));
        }
        return ContactSheet.Compose(rows, cellWidth);
    }
}
