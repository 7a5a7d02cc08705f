using SynVid.Video;
using TorchSharp;
using static TorchSharp.torch;

namespace SynVid.Datasets;

/// <summary>
/// Turns a clip of RGB frames into the model's input: an optional crop box shared by every frame, a bilinear resize to
/// the output size, scaling to [0, 1] and per-channel normalisation, laid out (C, T, H, W) float32.
/// </summary>
public static class ClipTensor
{
    /// <summary>Stacks frames (all the same size) into a uint8 tensor (T, H, W, 3).</summary>
    public static Tensor Stack(IReadOnlyList<RgbImage> frames)
    {
        if (frames.Count == 0)
        {
            throw new ArgumentException("a clip needs at least one frame", nameof(frames));
        }
        int w = frames[0].Width, h = frames[0].Height;
        var buffer = new byte[frames.Count * h * w * 3];
        for (var t = 0; t < frames.Count; t++)
        {
            if (frames[t].Width != w || frames[t].Height != h)
            {
                throw new ArgumentException($"frame {t} is {frames[t].Width}x{frames[t].Height}, frame 0 is {w}x{h}", nameof(frames));
            }
            Buffer.BlockCopy(frames[t].Pixels, 0, buffer, t * h * w * 3, h * w * 3);
        }
        return tensor(buffer, [frames.Count, h, w, 3], ScalarType.Byte);
    }

    /// <summary>
    /// Crops (when <paramref name="box"/> is given), resizes to <paramref name="size"/>² with bilinear interpolation
    /// (antialiased when shrinking, as PIL's resize that the reference uses), and normalises: (C, T, size, size) float32.
    /// </summary>
    public static Tensor ToModelInput(IReadOnlyList<RgbImage> frames, CropBox? box, int size, VideoNormalization normalization)
    {
        using var scope = NewDisposeScope();
        var clip = Stack(frames);
        if (box is { } b)
        {
            clip = clip[.., TensorIndex.Slice(b.Y, b.Y + b.Height), TensorIndex.Slice(b.X, b.X + b.Width), ..];
        }
        // (T, H, W, C) uint8 → (T, C, H, W) float in [0, 1]
        // explicit Scalars stay alive through the native call (implicit ones can be finalized mid-call; see GcQuietRegion)
        using Scalar full = 255f, zero = 0f, one = 1f;
        var x = clip.permute(0, 3, 1, 2).to_type(ScalarType.Float32).div_(full);
        if (x.shape[2] != size || x.shape[3] != size)
        {
            var shrinking = x.shape[2] > size || x.shape[3] > size;
            x = nn.functional.interpolate(x, [size, size], mode: InterpolationMode.Bilinear, align_corners: false, antialias: shrinking)
                .clamp_(zero, one);
        }
        var mean = tensor(normalization.Mean.Select(v => (float)v).ToArray()).view(1, 3, 1, 1);
        var std = tensor(normalization.Std.Select(v => (float)v).ToArray()).view(1, 3, 1, 1);
        x = (x - mean) / std;
        return x.permute(1, 0, 2, 3).contiguous().MoveToOuterDisposeScope();
    }
}
