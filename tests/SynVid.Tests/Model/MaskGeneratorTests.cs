using SynVid.Model;
using SynVid.Serialization;
using static TorchSharp.torch;

namespace SynVid.Tests.Model;

public class MaskGeneratorTests
{
    [Fact]
    public void TubeMaskHasExactCountsAndRepeatsOverTime()
    {
        // ViT-B/16 at 16 × 224²: 147 of 196 per slot, 1176 of 1568 in all (§4.6).
        var generator = new MaskGenerator(new VideoVitConfig());
        Assert.Equal(1176, generator.MaskedPerSample);
        var mask = generator.Sample(new Random(7));
        Assert.Equal(1568, mask.Length);
        Assert.Equal(1176, mask.Count(m => m));
        for (var n = 0; n < mask.Length; n++)
        {
            Assert.Equal(mask[n % 196], mask[n]);
        }
        Assert.Equal(147, mask.Take(196).Count(m => m));
    }

    [Fact]
    public void BatchMasksDifferPerSampleAndRepeatWithTheSeed()
    {
        var generator = new MaskGenerator(Fixtures.TinyTrunk);
        using var a = generator.Batch(4, new Random(3));
        using var b = generator.Batch(4, new Random(3));
        Assert.Equal(ScalarType.Bool, a.dtype);
        Assert.Equal([4L, 128L], a.shape);
        Assert.True(Fixtures.SameValues(a, b));
        var rows = Enumerable.Range(0, 4).Select(i => string.Concat(a[i].data<bool>().ToArray().Select(x => x ? '1' : '0'))).ToList();
        Assert.True(rows.Distinct().Count() > 1);
        Assert.Equal(96L, SynVid.Model.Masks.Validate(a, 4, 128));
    }

    [Fact]
    public void RandomMaskingIsNotTubeStructured()
    {
        var generator = new MaskGenerator(Fixtures.TinyTrunk, 0.75, MaskingKind.Random);
        Assert.Equal(96, generator.MaskedPerSample);
        var mask = generator.Sample(new Random(11));
        Assert.Equal(96, mask.Count(m => m));
        Assert.Contains(Enumerable.Range(0, 128), n => mask[n] != mask[n % 16]);
    }

    [Fact]
    public void ReferenceFixtureMaskIsATubeMask()
    {
        using var mask = NpyFile.Read(Fixtures.File("pretrain_mask.npy"));
        var generator = new MaskGenerator(Fixtures.TinyTrunk);
        Assert.Equal(generator.MaskedPerSample, SynVid.Model.Masks.Validate(mask, 2, 128));
        var values = mask.data<bool>().ToArray();
        for (var i = 0; i < values.Length; i++)
        {
            Assert.Equal(values[(i / 128 * 128) + (i % 16)], values[i]);
        }
    }

    [Fact]
    public void UnequalCountsAreRejected()
    {
        using var mask = zeros(new long[] { 2, 128 }, ScalarType.Bool);
        mask[0, 0] = tensor(true);
        var e = Assert.Throws<UserInputException>(() => SynVid.Model.Masks.Validate(mask, 2, 128));
        Assert.Contains("same count", e.Message, StringComparison.Ordinal);
    }
}
