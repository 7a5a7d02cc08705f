using TorchSharp;
using static TorchSharp.torch;

namespace SynVid.Video;

/// <summary>Whole-clip frame operations on uint8 RGB frames that evaluation needs before its per-view steps.</summary>
public static class FrameOps
{
    /// <summary>
    /// Resizes every frame to <paramref name="width"/> × <paramref name="height"/> with bilinear interpolation
    /// (half-pixel centres, no anti-aliasing, rounded to uint8: what the reference's clip resize with OpenCV's
    /// INTER_LINEAR gives). Frames already that size are returned as they are.
    /// </summary>
    public static RgbImage[] ResizeBilinear(IReadOnlyList<RgbImage> frames, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(frames);
        if (frames.Count == 0 || frames.All(f => f.Width == width && f.Height == height))
        {
            return [.. frames];
        }
        using var scope = NewDisposeScope();
        var clip = Datasets.ClipTensor.Stack(frames).permute(0, 3, 1, 2).to_type(ScalarType.Float32);
        var resized = nn.functional.interpolate(clip, [height, width], mode: InterpolationMode.Bilinear, align_corners: false)
            .round_().clamp_(0f, 255f).to_type(ScalarType.Byte).permute(0, 2, 3, 1).contiguous();
        var bytes = resized.data<byte>().ToArray();
        var frameBytes = width * height * 3;
        var output = new RgbImage[frames.Count];
        for (var t = 0; t < output.Length; t++)
        {
            output[t] = new RgbImage(width, height, bytes.AsSpan(t * frameBytes, frameBytes).ToArray());
        }
        return output;
    }

    /// <summary>The region (<paramref name="x"/>, <paramref name="y"/>, <paramref name="width"/>, <paramref name="height"/>) of a frame.</summary>
    public static RgbImage Crop(RgbImage frame, int x, int y, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (x < 0 || y < 0 || width < 1 || height < 1 || x + width > frame.Width || y + height > frame.Height)
        {
            throw new ArgumentOutOfRangeException(nameof(frame), $"crop ({x}, {y}, {width}x{height}) is outside the {frame.Width}x{frame.Height} frame");
        }
        var output = new byte[width * height * 3];
        for (var row = 0; row < height; row++)
        {
            Buffer.BlockCopy(frame.Pixels, frame.Offset(x, y + row), output, row * width * 3, width * 3);
        }
        return new RgbImage(width, height, output);
    }
}
