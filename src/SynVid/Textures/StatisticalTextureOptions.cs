namespace SynVid.Textures;

/// <summary>
/// Configuration of a statistical image model (docs/reference-textures.md §1; docs/reference-behaviour.md §3.1). Defaults reproduce the published
/// 256² datasets of [B]: 10 iterations (§1.3), correlated channels (§1.5), MATLAB-equivalent wavelet scaling (§1.4).
/// </summary>
public sealed record StatisticalTextureOptions
{
    /// <summary>Output side; a power of two ≥ 32 (the reference uses 128 and 256).</summary>
    public int Resolution { get; init; } = 256;

    /// <summary>Impose the sampled 1/f amplitude spectrum.</summary>
    public bool ImposeSpectrum { get; init; }

    /// <summary>Impose the wavelet marginal model.</summary>
    public bool ImposeWmm { get; init; }

    /// <summary>Impose the colour-model histograms on the decorrelated channels.</summary>
    public bool ImposeColour { get; init; }

    /// <summary>Map the result back through the colour PCA frame (on for all four datasets).</summary>
    public bool CorrelateChannels { get; init; } = true;

    /// <summary>Constraint iterations (docs/reference-textures.md §1.3: 10).</summary>
    public int Iterations { get; init; } = 10;

    /// <summary>How wavelet targets meet the frequency pyramid's per-level gain.</summary>
    public WmmLevelScaling WmmScaling { get; init; } = WmmLevelScaling.Matlab;

    /// <summary>The flags of a dataset name (docs/reference-textures.md §1.1).</summary>
    public static StatisticalTextureOptions For(TextureKind kind, int resolution = 256) => kind switch
    {
        TextureKind.StatSpectrum => new() { Resolution = resolution, ImposeSpectrum = true },
        TextureKind.StatWmm => new() { Resolution = resolution, ImposeWmm = true },
        TextureKind.StatSpectrumColor => new() { Resolution = resolution, ImposeSpectrum = true, ImposeColour = true },
        TextureKind.StatSpectrumColorWmm => new() { Resolution = resolution, ImposeSpectrum = true, ImposeWmm = true, ImposeColour = true },
        _ => throw new ArgumentException($"{kind} is not a statistical model", nameof(kind)),
    };
}
