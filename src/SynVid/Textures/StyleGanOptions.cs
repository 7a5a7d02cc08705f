namespace SynVid.Textures;

/// <summary>Which randomly initialised StyleGAN (docs/reference-textures.md §2.1).</summary>
public enum StyleGanVariant
{
    /// <summary>Upstream StyleGAN2 synthesis network at initialisation: dense N(0,1) weights, zero bias, no noise.</summary>
    Random,

    /// <summary>network_randomized_v3 ("sparse_new", chin-chout, bias 0.2, shared noise map): oriented wavelet kernels.</summary>
    Oriented,
}

/// <summary>
/// Configuration of the untrained StyleGAN texture generators. Defaults are those of [B]'s driver (docs/reference-textures.md §2.2):
/// 256² output, w dimension 512, channels min(32768/r, 512), a new network every 400 images.
/// </summary>
public sealed record StyleGanOptions
{
    /// <summary>Output side: a power of two ≥ 8.</summary>
    public int Resolution { get; init; } = 256;

    /// <summary>Channel base: block r has min(ChannelBase / r, ChannelMax) channels.</summary>
    public int ChannelBase { get; init; } = 32768;

    /// <summary>Channel cap.</summary>
    public int ChannelMax { get; init; } = 512;

    /// <summary>Dimension of z and w.</summary>
    public int WDim { get; init; } = 512;

    /// <summary>A fresh network (all per-instance weights redrawn) every this many images.</summary>
    public int ReinitEvery { get; init; } = 400;

    /// <summary>Oriented variant: bias range, b ~ U(−range, range).</summary>
    public double BiasRange { get; init; } = 0.2;

    /// <summary>Oriented variant: noise strength β ~ U(0, max) per layer.</summary>
    public double MaxNoiseStrength { get; init; } = 0.3;

    /// <summary>Channels of the block at resolution r.</summary>
    public int Channels(int r) => Math.Min(ChannelBase / r, ChannelMax);

    /// <summary>Block resolutions 4, 8, …, Resolution.</summary>
    public IReadOnlyList<int> Blocks => Enumerable.Range(2, (int)Math.Log2(Resolution) - 1).Select(k => 1 << k).ToArray();

    /// <summary>Number of conv layers (1 in block 4, 2 in every other block).</summary>
    public int ConvLayers => 2 * Blocks.Count - 1;

    /// <summary>Number of w vectors: one per conv layer plus one for the last ToRGB.</summary>
    public int NumWs => ConvLayers + 1;

    /// <summary>Checks the configuration.</summary>
    public void Validate()
    {
        if (Resolution < 8 || (Resolution & (Resolution - 1)) != 0)
        {
            throw new UserInputException($"--res {Resolution}: StyleGAN textures need a power-of-two side ≥ 8");
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(ReinitEvery, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(Channels(Resolution), 1);
    }
}
