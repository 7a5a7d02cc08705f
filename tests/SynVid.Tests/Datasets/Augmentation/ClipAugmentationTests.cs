using SynVid.Datasets;
using SynVid.Datasets.Augmentation;
using SynVid.Video;
using static TorchSharp.torch;

namespace SynVid.Tests.Datasets.Augmentation;

public class ClipAugmentationTests
{
    [Fact]
    public void RandomResizedCropStaysInsideWithTheReferenceAreaAndAspect()
    {
        var crop = new RandomResizedCrop();
        var rng = new Random(1);
        for (var i = 0; i < 2000; i++)
        {
            var b = crop.Sample(320, 240, rng);
            Assert.InRange(b.X, 0, 320 - b.Width);
            Assert.InRange(b.Y, 0, 240 - b.Height);
            var area = (double)b.Width * b.Height / (320 * 240);
            Assert.InRange(area, 0.07, 1.0);
            Assert.InRange((double)b.Width / b.Height, 0.70, 1.42);
        }
        // impossible aspect (a very wide strip): every try fails, centre crop clamped to 4/3
        Assert.Equal(new CropBox(490, 0, 20, 15), new RandomResizedCrop(MinScale: 1, MaxScale: 1).Sample(1000, 15, rng));
        Assert.Equal(new CropBox(0, 0, 200, 150), crop.Fallback(200, 150));
    }

    [Fact]
    public void ErasingUsesOneBoxForEveryFrameWithFreshNoise()
    {
        var erasing = new RandomErasing(Probability: 1);
        var rng = new Random(2);
        var erased = 0;
        for (var trial = 0; trial < 20; trial++)
        {
            var box = erasing.Sample(56, 56, rng);
            Assert.NotNull(box);
            var b = box.Value;
            var area = (double)b.Width * b.Height / (56 * 56);
            Assert.InRange(area, 0.015, 0.36);
            using var scope = NewDisposeScope();
            var clip = zeros(3, 8, 56, 56);
            using var generator = new TorchSharp.torch.Generator(7);
            RandomErasing.Apply(clip, b, generator);
            var mask = clip.ne(0);
            // the erased region is the box in every frame and channel
            for (var t = 0; t < 8; t++)
            {
                Assert.True(mask[0, t].equal(mask[0, 0]).all().item<bool>());
                Assert.Equal(b.Width * b.Height, mask[0, t].sum().item<long>());
                Assert.Equal(b.Width * b.Height, mask[0, t, TensorIndex.Slice(b.Y, b.Y + b.Height), TensorIndex.Slice(b.X, b.X + b.Width)].sum().item<long>());
            }
            // noise is per pixel and per frame
            Assert.False(clip[0, 0].equal(clip[0, 1]).all().item<bool>());
            erased++;
        }
        Assert.Equal(20, erased);
        var never = new RandomErasing(Probability: 0);
        Assert.Null(never.Sample(56, 56, rng));
    }

    [Fact]
    public void MixupAndCutmixTargetsSumToOneAndMixTheReversedBatch()
    {
        var mixup = new Mixup();
        var rng = new Random(3);
        var kinds = new HashSet<bool>();
        for (var trial = 0; trial < 40; trial++)
        {
            using var scope = NewDisposeScope();
            var clips = rand([4, 3, 2, 16, 16]);
            var original = clips.clone();
            long[] labels = [0, 1, 2, 3];
            var draw = mixup.Sample(16, 16, rng);
            kinds.Add(draw.Cutmix);
            var targets = mixup.Apply(clips, labels, classes: 5, draw);
            Assert.Equal(new long[] { 4, 5 }, targets.shape);
            Assert.True(targets.sum(1).allclose(ones(4), atol: 1e-5));
            // sample 0 is mixed with sample 3
            Assert.Equal(draw.Lambda * 0.9 + 0.02, targets[0, 0].item<float>(), tolerance: 1e-5);
            Assert.Equal((1 - draw.Lambda) * 0.9 + 0.02, targets[0, 3].item<float>(), tolerance: 1e-5);
            if (draw.Cutmix)
            {
                var b = draw.Box!.Value;
                Assert.Equal(1 - (double)b.Width * b.Height / 256, draw.Lambda, 9);
                var ys = TensorIndex.Slice(b.Y, b.Y + b.Height);
                var xs = TensorIndex.Slice(b.X, b.X + b.Width);
                Assert.True(clips[0, .., .., ys, xs].equal(original[3, .., .., ys, xs]).all().item<bool>());
                // outside the box nothing changes, in every frame
                var outside = ones(16, 16, dtype: ScalarType.Bool);
                outside[ys, xs] = zeros(b.Height, b.Width, dtype: ScalarType.Bool);
                Assert.True(clips[1].masked_select(outside.expand(3, 2, 16, 16)).equal(original[1].masked_select(outside.expand(3, 2, 16, 16))).all().item<bool>());
            }
            else
            {
                Assert.True(clips[0].allclose(original[0] * draw.Lambda + original[3] * (1 - draw.Lambda), atol: 1e-5));
            }
        }
        Assert.Equal(new HashSet<bool> { true, false }, kinds);
        using var odd = rand([3, 3, 2, 8, 8]);
        Assert.Throws<ArgumentException>(() => mixup.Apply(odd, [0, 1, 2], 5, new MixDraw(0.5, false, null)));
    }

    [Fact]
    public void BetaDrawsHaveTheRightMean()
    {
        var rng = new Random(4);
        var draws = Enumerable.Range(0, 20000).Select(_ => BetaSampler.Beta(rng, 0.8, 0.8)).ToArray();
        Assert.All(draws, d => Assert.InRange(d, 0, 1));
        Assert.Equal(0.5, draws.Average(), 1);
        // Beta(0.8, 0.8) has variance 1/(4·2.6) ≈ 0.096; Beta(1, 1) = uniform has 1/12
        Assert.Equal(0.096, draws.Select(d => (d - 0.5) * (d - 0.5)).Average(), 2);
        var uniform = Enumerable.Range(0, 20000).Select(_ => BetaSampler.Beta(rng, 1, 1)).ToArray();
        Assert.Equal(1.0 / 12, uniform.Select(d => (d - 0.5) * (d - 0.5)).Average(), 2);
    }

    [Fact]
    public void RepeatedAugmentationGivesIndependentCopiesOfTheClip()
    {
        var frames = Enumerable.Range(0, 16).Select(t =>
        {
            var img = new RgbImage(80, 60);
            for (var i = 0; i < img.Pixels.Length; i++)
            {
                img.Pixels[i] = (byte)((i * 7 + t * 13) % 256);
            }
            return img;
        }).ToArray();
        var aug = FineTuneAugmentation.Reference with { InputSize = 32 };
        using var scope = NewDisposeScope();
        var copies = aug.Apply(frames, new Random(5));
        Assert.Equal(2, copies.Length);
        Assert.All(copies, c => Assert.Equal(new long[] { 3, 16, 32, 32 }, c.shape));
        Assert.False(copies[0].allclose(copies[1]));
        var again = aug.Apply(frames, new Random(5));
        Assert.True(copies[0].equal(again[0]).all().item<bool>());
        Assert.True(copies[1].equal(again[1]).all().item<bool>());
    }
}
