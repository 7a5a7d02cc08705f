using TorchSharp;
using static TorchSharp.torch;

namespace SynVid.Datasets.Augmentation;

/// <summary>
/// Random erasing as the reference runs it for video (docs/reference-behaviour.md §5.3; "cube" mode, pixel fill, count 1): with
/// probability <paramref name="Probability"/> one box, area ~ U(min, max)·H·W and log-uniform aspect, is drawn once
/// and filled in every frame with per-pixel N(0, 1) noise (fresh noise per frame, the same box).
/// </summary>
/// <param name="Probability">Chance a clip is erased (0.25).</param>
/// <param name="MinArea">Smallest area fraction (0.02).</param>
/// <param name="MaxArea">Largest area fraction (1/3).</param>
/// <param name="MinAspect">Smallest aspect (0.3; the largest is its inverse).</param>
public sealed record RandomErasing(double Probability = 0.25, double MinArea = 0.02, double MaxArea = 1.0 / 3.0, double MinAspect = 0.3)
{
    /// <summary>The box to erase in an H × W clip, or null when this clip is not erased (up to 100 tries, as the reference).</summary>
    public CropBox? Sample(int width, int height, Random rng)
    {
        if (rng.NextDouble() > Probability)
        {
            return null;
        }
        var area = (double)width * height;
        double logLo = Math.Log(MinAspect), logHi = Math.Log(1 / MinAspect);
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var target = (MinArea + (MaxArea - MinArea) * rng.NextDouble()) * area;
            var aspect = Math.Exp(logLo + (logHi - logLo) * rng.NextDouble());
            var h = (int)Math.Round(Math.Sqrt(target * aspect), MidpointRounding.ToEven);
            var w = (int)Math.Round(Math.Sqrt(target / aspect), MidpointRounding.ToEven);
            if (w < width && h < height)
            {
                var top = rng.Next(0, height - h + 1);
                var left = rng.Next(0, width - w + 1);
                return new CropBox(left, top, w, h);
            }
        }
        return null;
    }

    /// <summary>Fills <paramref name="box"/> of every frame of a (C, T, H, W) clip in place with N(0, 1) noise from <paramref name="generator"/>.</summary>
    public static void Apply(Tensor clip, CropBox box, Generator generator)
    {
        using var scope = NewDisposeScope();
        var (c, t) = (clip.shape[0], clip.shape[1]);
        var noise = randn([c, t, box.Height, box.Width], dtype: clip.dtype, generator: generator);
        clip[.., .., TensorIndex.Slice(box.Y, box.Y + box.Height), TensorIndex.Slice(box.X, box.X + box.Width)] = noise;
    }
}
