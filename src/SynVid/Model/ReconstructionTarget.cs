using static TorchSharp.torch;

namespace SynVid.Model;

/// <summary>
/// The pre-training target and loss (docs/reference-behaviour.md §4.7): un-normalise the clip, cut it into tubelet patches with pixel
/// index p = (dt·P + dy)·P + dx, normalise each patch per channel by its mean and unbiased std (+1e-6), flatten with the
/// channel fastest (p·C + c), keep the masked tokens in ascending order, and take the MSE against the prediction.
/// </summary>
public static class ReconstructionTarget
{
    /// <summary>Default from the reference: normalised-pixel targets (§4.7).</summary>
    public const bool NormalizeDefault = true;

    /// <summary>
    /// Targets for the masked tokens, (B, N_masked, C·tubelet·patch²), computed without gradient in float32.
    /// <paramref name="normalize"/> false gives the raw [0, 1] pixels in the same order.
    /// </summary>
    public static Tensor Compute(Tensor clip, Tensor mask, VideoVitConfig config, bool normalize = NormalizeDefault)
    {
        PatchEmbed3d.CheckInput(clip, config);
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var pixels = ImageNetNormalization.Unnormalize(clip.to_type(ScalarType.Float32));
        var b = pixels.shape[0];
        var c = config.InChannels;
        var t = config.TemporalSlots;
        var h = config.ImageSize / config.PatchSize;
        var p = config.PatchSize;
        var tube = config.TubeletSize;
        // b c (t p0) (h p1) (w p2) -> b (t h w) (p0 p1 p2) c
        var patches = pixels.reshape(b, c, t, tube, h, p, h, p)
            .permute(0, 2, 4, 6, 3, 5, 7, 1)
            .reshape(b, (long)t * h * h, (long)tube * p * p, c);
        if (normalize)
        {
            var mean = patches.mean([-2], keepdim: true);
            var std = patches.var(-2, unbiased: true, keepdim: true).sqrt();
            patches = (patches - mean) / (std + 1e-6);
        }
        var flat = patches.reshape(b, (long)t * h * h, -1);
        return Masks.SelectTokens(flat, mask).MoveToOuterDisposeScope();
    }

    /// <summary>Mean squared error over every element of the masked-token prediction (§4.7).</summary>
    public static Tensor Loss(Tensor prediction, Tensor target) =>
        nn.functional.mse_loss(prediction, target.to_type(prediction.dtype));
}
