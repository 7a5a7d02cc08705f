using System.Globalization;
using SynVid.Analysis.Metrics;
using SynVid.Synthesis;
using SynVid.Video;
using TorchSharp;
using static TorchSharp.torch;

namespace SynVid.Analysis.Features;

/// <summary>
/// <c>random:SEED</c>: fixed, untrained convolutional networks whose weights are a pure function of the seed. Frames:
/// resized to 128² (anti-aliased bicubic), scaled to [−1, 1], four 3×3 convolutions of stride 2 (32, 64, 128, 256
/// channels, ReLU after each), global average pool → 256-d. Clips: 16 × 112² frames through four 3×3×3 convolutions
/// (strides (1,2,2), (2,2,2), (2,2,2), (2,2,2); 32, 64, 128, 256 channels, ReLU), global average pool → 256-d. Weights are
/// He-normal N(0, 2 / fan_in) drawn from <see cref="SeededRandom"/>(seed, layer), biases zero, so the network is the same on
/// every machine and thread count (outputs agree to float32 round-off). These features measure distribution shifts
/// consistently between runs but are NOT comparable with published FID/FVD values.
/// </summary>
public sealed class RandomConvExtractor : IFeatureExtractor
{
    /// <summary>Frame input side.</summary>
    public const int FrameSize = 128;

    /// <summary>Clip input side.</summary>
    public const int ClipSize = 112;

    private static readonly int[] _channels = [32, 64, 128, 256];
    private readonly List<(Tensor Weight, long[] Stride)> _frameLayers = [];
    private readonly List<(Tensor Weight, long[] Stride)> _clipLayers = [];
    private readonly Device _device;

    /// <summary>Builds both networks from <paramref name="seed"/>.</summary>
    public RandomConvExtractor(long seed, Device? device = null, int clipLength = 16)
    {
        Seed = seed;
        ClipLength = clipLength;
        _device = device ?? CPU;
        var inChannels = 3;
        for (var i = 0; i < _channels.Length; i++)
        {
            _frameLayers.Add((HeNormal(seed, i, [_channels[i], inChannels, 3, 3]), [2, 2]));
            _clipLayers.Add((HeNormal(seed, 100 + i, [_channels[i], inChannels, 3, 3, 3]), i == 0 ? [1, 2, 2] : [2, 2, 2]));
            inChannels = _channels[i];
        }
    }

    /// <summary>The seed.</summary>
    public long Seed { get; }

    /// <inheritdoc />
    public string Name => "random:" + Seed.ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public bool ComparableWithPublishedFid => false;

    /// <inheritdoc />
    public int ClipLength { get; }

    /// <inheritdoc />
    public bool SupportsClips => true;

    /// <inheritdoc />
    public FeatureMatrix ExtractFrames(IReadOnlyList<RgbImage> frames)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        using Scalar two = 2, one = 1; // kept alive through the native calls (see GcQuietRegion)
        var x = FrameBatch.Images(frames, FrameSize, FrameSize).to(_device).mul_(two).sub_(one);
        foreach (var (weight, stride) in _frameLayers)
        {
            x = nn.functional.relu(nn.functional.conv2d(x, weight, strides: stride, padding: [1, 1]));
        }
        return FeatureMatrix.FromTensor(x.mean([2, 3]));
    }

    /// <inheritdoc />
    public FeatureMatrix ExtractClips(IReadOnlyList<IReadOnlyList<RgbImage>> clips)
    {
        ArgumentNullException.ThrowIfNull(clips);
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        using Scalar two = 2, one = 1; // kept alive through the native calls (see GcQuietRegion)
        var x = FrameBatch.Clips([.. clips.Select(Fit)], ClipSize, ClipSize).to(_device).mul_(two).sub_(one);
        foreach (var (weight, stride) in _clipLayers)
        {
            x = nn.functional.relu(nn.functional.conv3d(x, weight, strides: stride, padding: [1, 1, 1]));
        }
        return FeatureMatrix.FromTensor(x.mean([2, 3, 4]));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var (weight, _) in _frameLayers.Concat(_clipLayers))
        {
            weight.Dispose();
        }
    }

    private IReadOnlyList<RgbImage> Fit(IReadOnlyList<RgbImage> clip) =>
        clip.Count == ClipLength ? clip : [.. FrameBatch.Evenly(clip.Count, ClipLength).Select(i => clip[i])];

    private Tensor HeNormal(long seed, int layer, long[] shape)
    {
        var rng = new SeededRandom(seed, layer);
        var count = shape.Aggregate(1L, (a, b) => a * b);
        var fanIn = count / shape[0];
        var std = Math.Sqrt(2.0 / fanIn);
        var values = new float[count];
        for (var i = 0; i < count; i++)
        {
            // Box–Muller on the seeded stream.
            var u1 = 1.0 - rng.NextDouble();
            var u2 = rng.NextDouble();
            values[i] = (float)(std * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
        }
        return tensor(values, shape).to(_device);
    }
}
