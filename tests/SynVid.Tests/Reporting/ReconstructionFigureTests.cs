using SynVid.Model;
using SynVid.Reporting;
using SynVid.Training;
using static TorchSharp.torch;

namespace SynVid.Tests.Reporting;

public class ReconstructionFigureTests
{
    [Fact]
    public void VisiblePatchesAreKeptAndMaskedPatchesAreGreyedAndPredicted()
    {
        using var scope = NewDisposeScope();
        var recipe = PretrainPresets.CpuTiny with { EncoderDepth = 1, DecoderDepth = 1, Frames = 4, InputSize = 32 };
        var config = recipe.ModelConfig();
        manual_seed(0);
        using var model = new PretrainModel(config);
        var video = randn([2, 3, 4, 32, 32]).clamp(-2, 2);
        var masks = new MaskGenerator(config.Encoder, 0.5);
        var mask = masks.Batch(2, new Random(1));
        var (input, masked, reconstruction) = ReconstructionFigure.Compute(model, video, mask, normalizedTarget: true);
        Assert.Equal(new long[] { 2, 3, 4, 32, 32 }, reconstruction.shape);

        // Token n covers frames 2·(n / 4) … +1, patch row (n / 2) % 2, patch column n % 2; 8 tokens, half masked.
        var seen = new HashSet<bool>();
        for (var n = 0; n < 8; n++)
        {
            int t0 = 2 * (n / 4), y0 = 16 * (n / 2 % 2), x0 = 16 * (n % 2);
            var region = (TorchSharp.torch.Tensor x) => x[0, .., t0..(t0 + 2), y0..(y0 + 16), x0..(x0 + 16)];
            var isMasked = mask[0, n].item<bool>();
            seen.Add(isMasked);
            if (isMasked)
            {
                Assert.True((region(masked) - 0.5f).abs().max().item<float>() < 1e-6);
                Assert.False(region(reconstruction).allclose(region(input)));
            }
            else
            {
                Assert.True(region(reconstruction).allclose(region(input)));
                Assert.True(region(masked).allclose(region(input)));
            }
        }
        Assert.Equal(2, seen.Count);
        Assert.True(input.min().item<float>() >= 0 && input.max().item<float>() <= 1);
        var image = ReconstructionFigure.Grid([input, masked, reconstruction], frameStep: 2);
        Assert.Equal(2 * (32 + 2) + 2, image.Width);
        Assert.True(image.Height > 6 * 32);
    }
}
