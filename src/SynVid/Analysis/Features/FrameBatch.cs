using SynVid.Datasets;
using SynVid.Video;
using TorchSharp;
using static TorchSharp.torch;

namespace SynVid.Analysis.Features;

/// <summary>
/// The resize convention of every extractor (docs/reference-behaviour.md §7): frames become float tensors in [0, 1], resized to the
/// input size with anti-aliased bicubic interpolation (PyTorch's <c>interpolate(mode="bicubic", antialias=True)</c>,
/// the counterpart of PIL's BICUBIC resize) and clamped to [0, 1] against bicubic overshoot; frames already at the
/// input size are not resampled. Non-square frames are stretched to the square input, as pytorch-fid does.
/// </summary>
public static class FrameBatch
{
    /// <summary>(N, 3, height, width) float32 in [0, 1].</summary>
    public static Tensor Images(IReadOnlyList<RgbImage> frames, int height, int width)
    {
        ArgumentNullException.ThrowIfNull(frames);
        using var scope = NewDisposeScope();
        var parts = new List<Tensor>(frames.Count);
        var start = 0;
        // an explicit Scalar stays alive through the native call (extraction can run beside a training step; see GcQuietRegion)
        using Scalar full = 255f;
        while (start < frames.Count)
        {
            // Runs of equally sized frames are resized in one call.
            var end = start + 1;
            while (end < frames.Count && frames[end].Width == frames[start].Width && frames[end].Height == frames[start].Height)
            {
                end++;
            }
            var run = ClipTensor.Stack([.. frames.Skip(start).Take(end - start)]);
            parts.Add(Resize(run.permute(0, 3, 1, 2).to_type(ScalarType.Float32).div_(full), height, width));
            start = end;
        }
        return cat(parts, 0).MoveToOuterDisposeScope();
    }

    /// <summary>(N, 3, T, height, width) float32 in [0, 1] from clips of equal length.</summary>
    public static Tensor Clips(IReadOnlyList<IReadOnlyList<RgbImage>> clips, int height, int width)
    {
        ArgumentNullException.ThrowIfNull(clips);
        using var scope = NewDisposeScope();
        var parts = clips.Select(c => Images(c, height, width).permute(1, 0, 2, 3).unsqueeze(0)).ToList();
        return cat(parts, 0).MoveToOuterDisposeScope();
    }

    /// <summary>Anti-aliased bicubic resize of (N, C, H, W) floats in [0, 1], clamped.</summary>
    public static Tensor Resize(Tensor x, int height, int width)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.shape[2] == height && x.shape[3] == width)
        {
            return x.alias();
        }
        using Scalar zero = 0f, one = 1f;
        return nn.functional.interpolate(x, [height, width], mode: InterpolationMode.Bicubic, align_corners: false, antialias: true).clamp_(zero, one);
    }

    /// <summary><paramref name="count"/> frame indices spread evenly over a clip of <paramref name="length"/>: ⌊i · length / count⌋.</summary>
    public static int[] Evenly(int length, int count) =>
        [.. Enumerable.Range(0, count).Select(i => (int)((long)i * length / count))];
}
