using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace SynVid.Model;

/// <summary>
/// Tubelet patch embedding (docs/reference-behaviour.md §4.1): Conv3d(C → D, kernel = stride = (tubelet, patch, patch)) with bias, then
/// tokens in the order n = t·(H/p·W/p) + h·W/p + w (w fastest). Checkpoint keys: <c>proj.weight</c>, <c>proj.bias</c>.
/// </summary>
public sealed class PatchEmbed3d : Module<Tensor, Tensor>
{
    [ComponentName(Name = "proj")]
    private readonly Conv3d _proj;

    private readonly VideoVitConfig _config;

    /// <summary>Creates the embedding for <paramref name="config"/>; the Conv3d keeps the framework's default init (§4.5).</summary>
    public PatchEmbed3d(VideoVitConfig config)
        : base(nameof(PatchEmbed3d))
    {
        _config = config;
        _proj = Conv3d(
            config.InChannels,
            config.EmbedDim,
            kernel_size: (config.TubeletSize, config.PatchSize, config.PatchSize),
            stride: (config.TubeletSize, config.PatchSize, config.PatchSize),
            bias: true);
        RegisterComponents();
    }

    /// <summary>The convolution.</summary>
    public Conv3d Proj => _proj;

    /// <summary>(B, C, T, H, W) → (B, N, D). The clip must have exactly the configured frames and size.</summary>
    public override Tensor forward(Tensor x)
    {
        CheckInput(x, _config);
        using var y = _proj.forward(x);
        using var flat = y.flatten(2);
        return flat.transpose(1, 2);
    }

    /// <summary>Throws a <see cref="UserInputException"/> when a clip does not have the shape the model was built for.</summary>
    public static void CheckInput(Tensor x, VideoVitConfig config)
    {
        if (x.dim() != 5 || x.shape[1] != config.InChannels || x.shape[2] != config.NumFrames ||
            x.shape[3] != config.ImageSize || x.shape[4] != config.ImageSize)
        {
            throw new UserInputException(
                $"input clip has shape ({string.Join(", ", x.shape)}); the model expects (B, {config.InChannels}, {config.NumFrames}, " +
                $"{config.ImageSize}, {config.ImageSize})");
        }
    }
}
