using SynVid.Video;

namespace SynVid.Synthesis;

/// <summary>Lays out frames as a grid (rows of videos, columns of frames) on a dark grey background.</summary>
public static class ContactSheet
{
    /// <summary>One image holding every frame of <paramref name="rows"/>, separated by <paramref name="gap"/> pixels.</summary>
    public static RgbImage Compose(IReadOnlyList<IReadOnlyList<RgbImage>> rows, int gap = 4)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0 || rows.Any(r => r.Count == 0))
        {
            throw new ArgumentException("a contact sheet needs at least one frame per row", nameof(rows));
        }
        var cellW = rows.Max(r => r.Max(f => f.Width));
        var cellH = rows.Max(r => r.Max(f => f.Height));
        var columns = rows.Max(r => r.Count);
        var width = gap + columns * (cellW + gap);
        var height = gap + rows.Count * (cellH + gap);
        var sheet = new RgbImage(width, height);
        sheet.Pixels.AsSpan().Fill(48);
        for (var r = 0; r < rows.Count; r++)
        {
            for (var c = 0; c < rows[r].Count; c++)
            {
                var frame = rows[r][c];
                var x0 = gap + c * (cellW + gap);
                var y0 = gap + r * (cellH + gap);
                for (var y = 0; y < frame.Height; y++)
                {
                    frame.Pixels.AsSpan(y * frame.Width * 3, frame.Width * 3).CopyTo(sheet.Pixels.AsSpan(sheet.Offset(x0, y0 + y)));
                }
            }
        }
        return sheet;
    }
}
