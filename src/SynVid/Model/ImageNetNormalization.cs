using static TorchSharp.torch;

namespace SynVid.Model;

/// <summary>The ImageNet mean and std the model's inputs are normalised with (docs/reference-behaviour.md §4.1).</summary>
public static class ImageNetNormalization
{
    /// <summary>Per-channel mean (R, G, B).</summary>
    public static IReadOnlyList<float> Mean { get; } = [0.485f, 0.456f, 0.406f];

    /// <summary>Per-channel std (R, G, B).</summary>
    public static IReadOnlyList<float> Std { get; } = [0.229f, 0.224f, 0.225f];

    /// <summary>x·std + mean for a (B, 3, T, H, W) clip: back to [0, 1] pixels.</summary>
    public static Tensor Unnormalize(Tensor x)
    {
        if (x.dim() != 5 || x.shape[1] != 3)
        {
            throw new UserInputException($"expected a (B, 3, T, H, W) clip, got shape ({string.Join(", ", x.shape)})");
        }
        using var mean = tensor(Mean.ToArray(), [1, 3, 1, 1, 1]).to(x.dtype, x.device);
        using var std = tensor(Std.ToArray(), [1, 3, 1, 1, 1]).to(x.dtype, x.device);
        using var scaled = x * std;
        return scaled + mean;
    }
}
