using SynVid.Video;
using TorchSharp;
using static TorchSharp.torch;

namespace SynVid.Datasets;

/// <summary>Resizes every frame of a clip by one factor (bilinear, antialiased when shrinking, as PIL's resize).</summary>
public static class ClipScaling
{
    /// <summary>
    /// The frames scaled by <paramref name="factor"/> (each side ⌊side·factor⌋, at least 1), or the input itself when
    /// the factor is 1.
    /// </summary>
    public static IReadOnlyList<RgbImage> Scale(IReadOnlyList<RgbImage> frames, double factor)
    {
        if (factor == 1.0 || frames.Count == 0)
        {
            return frames;
        }
        int w = Math.Max(1, (int)(frames[0].Width * factor)), h = Math.Max(1, (int)(frames[0].Height * factor));
        using var scope = NewDisposeScope();
        // explicit Scalars stay alive through the native call (implicit ones can be finalized mid-call; see GcQuietRegion)
        using Scalar zero = 0f, full = 255f;
        var x = ClipTensor.Stack(frames).permute(0, 3, 1, 2).to_type(ScalarType.Float32);
        var resized = nn.functional.interpolate(x, [h, w], mode: InterpolationMode.Bilinear, align_corners: false, antialias: factor < 1)
            .round_().clamp_(zero, full).to_type(ScalarType.Byte).permute(0, 2, 3, 1).contiguous();
        var bytes = resized.data<byte>().ToArray();
        var frameBytes = h * w * 3;
        var result = new RgbImage[frames.Count];
        for (var t = 0; t < frames.Count; t++)
        {
            var pixels = new byte[frameBytes];
            Array.Copy(bytes, t * frameBytes, pixels, 0, frameBytes);
            result[t] = new RgbImage(w, h, pixels);
        }
        return result;
    }
}
