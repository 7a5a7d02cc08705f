using SynVid.Analysis.Features;
using SynVid.Analysis.Metrics;
using SynVid.Model;
using SynVid.Video;
using static TorchSharp.torch;

namespace SynVid.Analysis;

/// <summary>The key-PCA colours of a set of clips.</summary>
/// <param name="Frames">The model-input frames of each clip, resized to the input size (for display).</param>
/// <param name="Colours">(clips, T/tubelet, H/patch, W/patch, 3) float RGB in [0, 1].</param>
/// <param name="ExplainedVariance">Fraction of the key variance carried by each of the three components.</param>
public sealed record AttentionKeyMaps(IReadOnlyList<IReadOnlyList<RgbImage>> Frames, float[,,,,] Colours, double[] ExplainedVariance);

/// <summary>
/// Attention-key visualisation (docs/reference-behaviour.md §7, following Amir et al.): the keys of the last encoder block,
/// k = LN₁(x)·W_k, all heads concatenated per token; PCA fitted jointly over every token of every clip (centred,
/// covariance eigenvectors in double precision, each component's sign fixed so its largest-magnitude loading is
/// positive); the first three components are min-max scaled over all tokens to R, G and B, one colour per tubelet
/// position (t, y, x).
/// </summary>
public static class AttentionKeyPca
{
    /// <summary>Computes the maps of <paramref name="clips"/> (each of the model's NumFrames frames, any size).</summary>
    public static AttentionKeyMaps Compute(VideoClassifier model, IReadOnlyList<IReadOnlyList<RgbImage>> clips, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(clips);
        if (clips.Count == 0)
        {
            throw new UserInputException("attention maps need at least one clip");
        }
        var config = model.Config.Encoder;
        device ??= CPU;
        model.eval();
        var keys = new List<FeatureMatrix>();
        var shown = new List<IReadOnlyList<RgbImage>>();
        using (no_grad())
        {
            foreach (var clip in clips)
            {
                if (clip.Count != config.NumFrames)
                {
                    throw new ArgumentException($"clips must have {config.NumFrames} frames, got {clip.Count}", nameof(clips));
                }
                using var scope = NewDisposeScope();
                var pixels = FrameBatch.Clips([clip], config.ImageSize, config.ImageSize);
                shown.Add(ToImages(pixels[0]));
                var mean = tensor(ImageNetNormalization.Mean.ToArray()).view(1, 3, 1, 1, 1);
                var std = tensor(ImageNetNormalization.Std.ToArray()).view(1, 3, 1, 1, 1);
                var k = model.LastLayerKeys(((pixels - mean) / std).to(device)); // (1, heads, N, dh)
                keys.Add(FeatureMatrix.FromTensor(k[0].permute(1, 0, 2).reshape(k.shape[2], -1)));
            }
        }
        var all = FeatureMatrix.Concat(keys);
        var (components, explained) = Components(all, 3);
        float[] projected;
        using (var scope = NewDisposeScope())
        {
            var x = all.ToDoubleTensor();
            var p = (x - x.mean([0], keepdim: true)).matmul(tensor(components, [all.Columns, 3]));
            var min = p.amin([0], keepdim: true);
            var max = p.amax([0], keepdim: true);
            projected = ((p - min) / (max - min).clamp_min(1e-12)).to_type(ScalarType.Float32).contiguous().data<float>().ToArray();
        }
        int slots = config.TemporalSlots, side = config.ImageSize / config.PatchSize;
        var colours = new float[clips.Count, slots, side, side, 3];
        Buffer.BlockCopy(projected, 0, colours, 0, projected.Length * sizeof(float));
        return new AttentionKeyMaps(shown, colours, explained);
    }

    /// <summary>The top <paramref name="count"/> principal directions (d × count, row-major) and their variance fractions.</summary>
    public static (double[] Components, double[] Explained) Components(FeatureMatrix features, int count)
    {
        ArgumentNullException.ThrowIfNull(features);
        var stats = GaussianStats.FromFeatures(features);
        var (values, vectors) = SymmetricMatrices.Eigen(SymmetricMatrices.Of(stats.Covariance));
        var d = features.Columns;
        var total = values.Sum(v => Math.Max(v, 0));
        var result = new double[d * count];
        var explained = new double[count];
        for (var c = 0; c < count; c++)
        {
            var column = values.Length - 1 - c; // eigenvalues ascend
            var v = vectors.Column(column);
            var sign = v[v.AbsoluteMaximumIndex()] < 0 ? -1.0 : 1.0;
            for (var i = 0; i < d; i++)
            {
                result[(i * count) + c] = sign * v[i];
            }
            explained[c] = total > 0 ? Math.Max(values[column], 0) / total : 0;
        }
        return (result, explained);
    }

    /// <summary>
    /// The figure: per clip, a row of frames (the first frame of each tubelet) and below it the key-PCA colours of that
    /// tubelet, upscaled (nearest) to the frame size.
    /// </summary>
    public static RgbImage Render(AttentionKeyMaps maps, int tubeletSize, int gap = 4)
    {
        ArgumentNullException.ThrowIfNull(maps);
        int clips = maps.Colours.GetLength(0), slots = maps.Colours.GetLength(1), grid = maps.Colours.GetLength(2);
        var size = maps.Frames[0][0].Width;
        var canvas = new RgbImage((slots * (size + gap)) + gap, (clips * 2 * (size + gap)) + ((clips - 1) * gap) + gap);
        Array.Fill(canvas.Pixels, (byte)255);
        for (var c = 0; c < clips; c++)
        {
            var top = gap + (c * ((2 * (size + gap)) + gap));
            for (var s = 0; s < slots; s++)
            {
                var left = gap + (s * (size + gap));
                AnalysisFigure.Paste(canvas, maps.Frames[c][s * tubeletSize], left, top);
                var map = new RgbImage(size, size);
                for (var y = 0; y < size; y++)
                {
                    for (var x = 0; x < size; x++)
                    {
                        int gy = y * grid / size, gx = x * grid / size, o = map.Offset(x, y);
                        for (var ch = 0; ch < 3; ch++)
                        {
                            map.Pixels[o + ch] = (byte)Math.Round(255 * maps.Colours[c, s, gy, gx, ch]);
                        }
                    }
                }
                AnalysisFigure.Paste(canvas, map, left, top + size + gap);
            }
        }
        return canvas;
    }

    private static List<RgbImage> ToImages(Tensor clip)
    {
        // (3, T, H, W) in [0, 1] → T images
        using var bytes = clip.mul(255).round().clamp(0, 255).to_type(ScalarType.Byte).permute(1, 2, 3, 0).contiguous();
        int t = (int)bytes.shape[0], h = (int)bytes.shape[1], w = (int)bytes.shape[2];
        var data = bytes.data<byte>().ToArray();
        return [.. Enumerable.Range(0, t).Select(i => new RgbImage(w, h, data[(i * h * w * 3)..((i + 1) * h * w * 3)]))];
    }
}
