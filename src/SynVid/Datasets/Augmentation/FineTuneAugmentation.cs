using SynVid.Video;
using TorchSharp;
using static TorchSharp.torch;

namespace SynVid.Datasets.Augmentation;

/// <summary>
/// The reference's per-clip training transform (docs/reference-behaviour.md §5.3): RandAugment on the full-size frames (one plan
/// per copy), ImageNet normalisation, random resized crop to <paramref name="InputSize"/> (bilinear), horizontal flip,
/// random erasing; <paramref name="NumSample"/> independent copies of the same temporal clip (repeated augmentation).
/// Mixup/cutmix is applied per batch afterwards (<see cref="Augmentation.Mixup"/>).
/// </summary>
/// <param name="RandAugment">RandAugment setting (rand-m7-n4-mstd0.5-inc1).</param>
/// <param name="InputSize">Output side (224).</param>
/// <param name="Crop">Random resized crop (area 0.08–1, aspect 3/4–4/3).</param>
/// <param name="FlipProbability">Horizontal flip probability (0.5).</param>
/// <param name="Erasing">Random erasing (p 0.25, pixel mode, one box for all frames).</param>
/// <param name="NumSample">Augmented copies per clip (2).</param>
/// <param name="Normalization">Per-channel normalisation (ImageNet).</param>
public sealed record FineTuneAugmentation(
    RandAugmentConfig RandAugment,
    int InputSize,
    RandomResizedCrop Crop,
    double FlipProbability,
    RandomErasing Erasing,
    int NumSample,
    VideoNormalization Normalization)
{
    /// <summary>The reference fine-tuning transform.</summary>
    public static FineTuneAugmentation Reference { get; } = new(
        RandAugmentConfig.Reference, 224, new RandomResizedCrop(), 0.5, new RandomErasing(), 2, VideoNormalization.ImageNet);

    /// <summary>
    /// <see cref="NumSample"/> augmented copies of a clip, each (C, T, InputSize, InputSize) float32; every random
    /// choice comes from <paramref name="rng"/>, so the result is a pure function of the frames and the stream.
    /// </summary>
    public Tensor[] Apply(IReadOnlyList<RgbImage> frames, Random rng)
    {
        var randAugment = new RandAugment(RandAugment);
        var copies = new Tensor[NumSample];
        for (var s = 0; s < NumSample; s++)
        {
            var plan = randAugment.Plan(rng);
            var augmented = randAugment.Apply(frames, plan);
            int w = augmented[0].Width, h = augmented[0].Height;
            var box = Crop.Sample(w, h, rng);
            var flip = rng.NextDouble() < FlipProbability;
            var erase = Erasing.Sample(InputSize, InputSize, rng);
            var noiseSeed = (long)(rng.NextDouble() * long.MaxValue);
            using var scope = NewDisposeScope();
            // explicit Scalars stay alive through the native call (implicit ones can be finalized mid-call; see GcQuietRegion)
            using Scalar full = 255f;
            // crop and resize in [0, 1], then normalise: both are linear, so this equals the reference's order
            // (normalise, crop, resize) up to float rounding, on far fewer pixels
            var clip = ClipTensor.Stack(augmented).permute(3, 0, 1, 2);
            var cropped = clip[.., .., TensorIndex.Slice(box.Y, box.Y + box.Height), TensorIndex.Slice(box.X, box.X + box.Width)]
                .to_type(ScalarType.Float32).div_(full);
            var resized = Normalize(
                nn.functional.interpolate(cropped, [InputSize, InputSize], mode: InterpolationMode.Bilinear, align_corners: false),
                Normalization);
            if (flip)
            {
                resized = resized.flip(-1);
            }
            resized = resized.contiguous();
            if (erase is { } e)
            {
                using var generator = new Generator((ulong)noiseSeed);
                RandomErasing.Apply(resized, e, generator);
            }
            copies[s] = resized.MoveToOuterDisposeScope();
        }
        return copies;
    }

    // (C, T, H, W) values in [0, 1] → normalised per channel.
    private static Tensor Normalize(Tensor x, VideoNormalization n)
    {
        var mean = tensor(n.Mean.Select(v => (float)v).ToArray()).view(3, 1, 1, 1);
        var std = tensor(n.Std.Select(v => (float)v).ToArray()).view(3, 1, 1, 1);
        return (x - mean) / std;
    }
}
