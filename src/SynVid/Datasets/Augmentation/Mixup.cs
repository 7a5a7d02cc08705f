using TorchSharp;
using static TorchSharp.torch;

namespace SynVid.Datasets.Augmentation;

/// <summary>One batch's mixing draw.</summary>
/// <param name="Lambda">Weight of each sample's own label (after the cutmix area correction).</param>
/// <param name="Cutmix">Whether the box is pasted (cutmix) rather than the clips blended (mixup).</param>
/// <param name="Box">The cutmix box over H × W (shared by every frame), when <paramref name="Cutmix"/>.</param>
public sealed record MixDraw(double Lambda, bool Cutmix, CropBox? Box);

/// <summary>
/// timm's Mixup in batch mode as the reference fine-tuning uses it (docs/reference-behaviour.md §5.3): each sample is mixed with
/// its partner in the reversed batch; with probability <paramref name="SwitchProbability"/> cutmix λ ~ Beta(1, 1)
/// with a box over H × W for all frames (λ corrected to the box's area), otherwise mixup λ ~ Beta(0.8, 0.8); targets
/// are one-hot with label smoothing (on = 1 − ε + ε/C, off = ε/C) mixed by λ.
/// </summary>
/// <param name="MixupAlpha">Mixup Beta parameter (0.8).</param>
/// <param name="CutmixAlpha">Cutmix Beta parameter (1.0).</param>
/// <param name="Probability">Chance a batch is mixed at all (1.0).</param>
/// <param name="SwitchProbability">Chance of cutmix rather than mixup (0.5).</param>
/// <param name="LabelSmoothing">ε (0.1).</param>
public sealed record Mixup(double MixupAlpha = 0.8, double CutmixAlpha = 1.0, double Probability = 1.0, double SwitchProbability = 0.5, double LabelSmoothing = 0.1)
{
    /// <summary>Draws λ (and the cutmix box) for a batch of H × W clips.</summary>
    public MixDraw Sample(int width, int height, Random rng)
    {
        if (rng.NextDouble() >= Probability)
        {
            return new MixDraw(1, false, null);
        }
        var cutmix = CutmixAlpha > 0 && (MixupAlpha <= 0 || rng.NextDouble() < SwitchProbability);
        var lambda = cutmix ? BetaSampler.Beta(rng, CutmixAlpha, CutmixAlpha) : BetaSampler.Beta(rng, MixupAlpha, MixupAlpha);
        if (!cutmix)
        {
            return new MixDraw(lambda, false, null);
        }
        // timm's rand_bbox: a box of (1 − λ) area centred anywhere, clipped to the frame; λ corrected to the clipped area
        var ratio = Math.Sqrt(1 - lambda);
        int cutH = (int)(height * ratio), cutW = (int)(width * ratio);
        var cy = rng.Next(0, height);
        var cx = rng.Next(0, width);
        int y0 = Math.Clamp(cy - cutH / 2, 0, height), y1 = Math.Clamp(cy + cutH / 2, 0, height);
        int x0 = Math.Clamp(cx - cutW / 2, 0, width), x1 = Math.Clamp(cx + cutW / 2, 0, width);
        var corrected = 1 - (double)(y1 - y0) * (x1 - x0) / (width * height);
        return new MixDraw(corrected, true, new CropBox(x0, y0, x1 - x0, y1 - y0));
    }

    /// <summary>
    /// Mixes a batch (B, C, T, H, W) in place with its reversal and returns the soft targets (B, classes).
    /// The batch size must be even, as in the reference.
    /// </summary>
    public Tensor Apply(Tensor clips, long[] labels, int classes, MixDraw draw)
    {
        var b = clips.shape[0];
        if (b % 2 != 0)
        {
            throw new ArgumentException($"mixup needs an even batch, got {b}", nameof(clips));
        }
        if (labels.Length != b)
        {
            throw new ArgumentException($"{labels.Length} labels for a batch of {b}", nameof(labels));
        }
        using (var scope = NewDisposeScope())
        {
            if (draw.Cutmix && draw.Box is { } box && box.Width > 0 && box.Height > 0)
            {
                var ys = TensorIndex.Slice(box.Y, box.Y + box.Height);
                var xs = TensorIndex.Slice(box.X, box.X + box.Width);
                var partner = clips.flip(0)[.., .., .., ys, xs].clone();
                clips[.., .., .., ys, xs] = partner;
            }
            else if (!draw.Cutmix && draw.Lambda < 1)
            {
                // explicit Scalars stay alive through the native call (implicit ones can be finalized mid-call; see GcQuietRegion)
                using Scalar own = draw.Lambda, other = 1 - draw.Lambda, unit = 1;
                var partner = clips.flip(0).mul(other);
                clips.mul_(own).add_(partner, unit);
            }
        }
        return Targets(labels, classes, draw.Lambda);
    }

    /// <summary>Smoothed one-hot targets mixed with the reversed batch's: λ·y + (1 − λ)·flip(y).</summary>
    public Tensor Targets(long[] labels, int classes, double lambda)
    {
        using var scope = NewDisposeScope();
        var off = LabelSmoothing / classes;
        var on = 1 - LabelSmoothing + off;
        var index = tensor(labels, ScalarType.Int64).view(-1, 1);
        using Scalar offValue = off, onValue = on;
        var y1 = full(labels.Length, classes, offValue, ScalarType.Float32).scatter_(1, index, full(labels.Length, 1, onValue, ScalarType.Float32));
        var y2 = y1.flip(0);
        using Scalar own = lambda, other = 1 - lambda, unit = 1;
        return (y1 * own).add(y2 * other, unit).MoveToOuterDisposeScope();
    }
}
