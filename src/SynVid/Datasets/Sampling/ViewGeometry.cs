namespace SynVid.Datasets.Sampling;

/// <summary>Spatial placement of validation and test views (docs/reference-behaviour.md §5.3), in pixels of the resized frames.</summary>
public static class ViewGeometry
{
    /// <summary>
    /// Size after resizing the short side to <paramref name="shortSide"/> (the reference's clip Resize): the long
    /// side becomes ⌊shortSide·long/short⌋ (UCF101 320 × 240 → 298 × 224); frames already that size stay.
    /// </summary>
    public static (int Width, int Height) ShortSideResize(int width, int height, int shortSide)
    {
        if (width < height)
        {
            return (shortSide, (int)(1.0 * shortSide * height / width));
        }
        return ((int)(1.0 * shortSide * width / height), shortSide);
    }

    /// <summary>Centre crop of the validation view: offsets round((W − c)/2), round((H − c)/2), halves to even as Python's round.</summary>
    public static CropBox CenterCrop(int width, int height, int crop)
    {
        var x = (int)Math.Round((width - crop) / 2.0, MidpointRounding.ToEven);
        var y = (int)Math.Round((height - crop) / 2.0, MidpointRounding.ToEven);
        return new CropBox(x, y, crop, crop);
    }

    /// <summary>
    /// Test crop <paramref name="crop"/> of <paramref name="cropCount"/> along the long side of a frame whose short
    /// side is already <paramref name="size"/>: offset ⌊j·(long − size)/(n − 1)⌋ (UCF101: 0, 37, 74); along the height
    /// when H ≥ W, as the reference. With one crop (where the reference divides by zero) the crop is centred.
    /// </summary>
    public static CropBox TestCrop(int width, int height, int size, int crop, int cropCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cropCount, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(crop);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(crop, cropCount);
        var longSide = Math.Max(width, height);
        var offset = cropCount == 1
            ? (longSide - size) / 2
            : (int)(crop * (1.0 * (longSide - size) / (cropCount - 1)));
        return height >= width ? new CropBox(0, offset, size, size) : new CropBox(offset, 0, size, size);
    }
}

/// <summary>One test view: which source frames, and which crop of the short-side-resized frames.</summary>
/// <param name="Clip">Temporal index k.</param>
/// <param name="Crop">Spatial index j.</param>
/// <param name="Frames">Source frame indices (clipLength of them).</param>
/// <param name="ResizedWidth">Frame width after the short-side resize.</param>
/// <param name="ResizedHeight">Frame height after the short-side resize.</param>
/// <param name="Box">Crop in resized-frame pixels.</param>
public sealed record TestView(int Clip, int Crop, int[] Frames, int ResizedWidth, int ResizedHeight, CropBox Box);

/// <summary>The validation view of a video: a random window, short-side resize, centre crop.</summary>
/// <param name="Frames">Source frame indices.</param>
/// <param name="ResizedWidth">Frame width after the short-side resize.</param>
/// <param name="ResizedHeight">Frame height after the short-side resize.</param>
/// <param name="Box">Centre crop in resized-frame pixels.</param>
public sealed record ValidationView(int[] Frames, int ResizedWidth, int ResizedHeight, CropBox Box);

/// <summary>Evaluation views of the reference recipe.</summary>
/// <param name="ClipLength">Frames per clip (16).</param>
/// <param name="Stride">Frame stride (4 UCF101, 2 HMDB51).</param>
/// <param name="ShortSide">Short side after resizing (224).</param>
/// <param name="CropSize">Crop side (224).</param>
public sealed record EvaluationViews(int ClipLength = 16, int Stride = 4, int ShortSide = 224, int CropSize = 224)
{
    /// <summary>
    /// The <paramref name="clips"/> × <paramref name="crops"/> test views of a video (clip-major order, as the
    /// reference enumerates them); each view's predictions are counted once when averaging softmax per video.
    /// </summary>
    public IReadOnlyList<TestView> Test(int videoLength, int width, int height, int clips, int crops)
    {
        var buffer = ReferenceClipSampling.TestBufferIndices(videoLength, ClipLength, Stride);
        var (rw, rh) = ViewGeometry.ShortSideResize(width, height, ShortSide);
        var views = new List<TestView>(clips * crops);
        for (var k = 0; k < clips; k++)
        {
            var start = ReferenceClipSampling.TestClipStart(buffer.Length, ClipLength, k, clips);
            var frames = buffer.AsSpan(start, ClipLength).ToArray();
            for (var j = 0; j < crops; j++)
            {
                views.Add(new TestView(k, j, frames, rw, rh, ViewGeometry.TestCrop(rw, rh, CropSize, j, crops)));
            }
        }
        return views;
    }

    /// <summary>The validation view: the training window (random end from <paramref name="rng"/>), centre crop.</summary>
    public ValidationView Validation(int videoLength, int width, int height, Random rng)
    {
        var (rw, rh) = ViewGeometry.ShortSideResize(width, height, ShortSide);
        return new ValidationView(ReferenceClipSampling.TrainIndices(videoLength, ClipLength, Stride, rng), rw, rh, ViewGeometry.CenterCrop(rw, rh, CropSize));
    }
}
