namespace SynVid.Datasets;

/// <summary>A crop rectangle in source-frame pixels.</summary>
public readonly record struct CropBox(int X, int Y, int Width, int Height);

/// <summary>
/// The reference's GroupMultiScaleCrop (docs/reference-behaviour.md §5.2): crop sides from scales of the short side (sides within
/// 3 px of the output size snap to it), a (w, h) pair drawn from those whose scale indices differ by at most
/// <see cref="MaxDistort"/>, and an offset from 13 fixed positions on a 4×4 grid. The same box applies to every
/// frame of a clip; frames are then resized to the output size (aspect may distort).
/// </summary>
/// <param name="OutputSize">Side of the square output (224 in the reference).</param>
/// <param name="Scales">Scales of the short side ([1, .875, .75, .66] in the reference).</param>
/// <param name="MaxDistort">Largest allowed difference between the width and height scale indices (1).</param>
public sealed record MultiScaleCrop(int OutputSize, IReadOnlyList<double> Scales, int MaxDistort = 1)
{
    /// <summary>The reference configuration for an output size.</summary>
    public static MultiScaleCrop Reference(int outputSize) => new(outputSize, [1.0, 0.875, 0.75, 0.66]);

    /// <summary>The 13 fixed offsets in units of ((W − w)/4, (H − h)/4), in the reference's order.</summary>
    public static IReadOnlyList<(int X, int Y)> OffsetGrid { get; } =
    [
        (0, 0), (4, 0), (0, 4), (4, 4), (2, 2), (0, 2), (4, 2), (2, 4), (2, 0), (1, 1), (3, 1), (1, 3), (3, 3),
    ];

    /// <summary>Candidate crop sides for a frame, after snapping to the output size.</summary>
    public IReadOnlyList<int> CropSides(int width, int height)
    {
        var baseSize = Math.Min(width, height);
        return Scales.Select(s => (int)(baseSize * s)).Select(c => Math.Abs(c - OutputSize) < 3 ? OutputSize : c).ToArray();
    }

    /// <summary>The (w, h) pairs the crop is drawn from, in the reference's enumeration order (height index outer).</summary>
    public IReadOnlyList<(int W, int H)> SizePairs(int width, int height)
    {
        var sides = CropSides(width, height);
        var pairs = new List<(int W, int H)>();
        for (var i = 0; i < sides.Count; i++)
        {
            for (var j = 0; j < sides.Count; j++)
            {
                if (Math.Abs(i - j) <= MaxDistort)
                {
                    pairs.Add((sides[j], sides[i]));
                }
            }
        }
        return pairs;
    }

    /// <summary>Draws a crop box for a width × height frame (two draws: size pair, then offset).</summary>
    public CropBox Sample(int width, int height, Random rng)
    {
        var pairs = SizePairs(width, height);
        var (w, h) = pairs[rng.Next(pairs.Count)];
        var stepW = (width - w) / 4;
        var stepH = (height - h) / 4;
        var (ox, oy) = OffsetGrid[rng.Next(OffsetGrid.Count)];
        return new CropBox(ox * stepW, oy * stepH, w, h);
    }
}
