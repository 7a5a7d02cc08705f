namespace SynVid.Textures;

/// <summary>The built-in texture families (docs/reference-behaviour.md §3.1–3.2; docs/reference-textures.md §1–2).</summary>
public enum TextureKind
{
    /// <summary>Random-phase 1/f noise with a sampled slope per axis (colour frame only).</summary>
    StatSpectrum,

    /// <summary>Wavelet marginal model only.</summary>
    StatWmm,

    /// <summary>1/f spectrum plus the colour-histogram model.</summary>
    StatSpectrumColor,

    /// <summary>1/f spectrum, wavelet marginals and colour histograms: the paper's stage-6 textures.</summary>
    StatSpectrumColorWmm,

    /// <summary>An untrained StyleGAN2 synthesis network with dense random weights.</summary>
    StyleGanRandom,

    /// <summary>The untrained StyleGAN with the oriented wavelet-bank kernels: the paper's stage-7 textures.</summary>
    StyleGanOriented,
}

/// <summary>Command-line names of the texture kinds.</summary>
public static class TextureKinds
{
    private static readonly (TextureKind Kind, string Name)[] _names =
    [
        (TextureKind.StatSpectrum, "stat-spectrum"),
        (TextureKind.StatWmm, "stat-wmm"),
        (TextureKind.StatSpectrumColor, "stat-spectrum_color"),
        (TextureKind.StatSpectrumColorWmm, "stat-spectrum_color_wmm"),
        (TextureKind.StyleGanRandom, "stylegan-random"),
        (TextureKind.StyleGanOriented, "stylegan-oriented"),
    ];

    /// <summary>Every kind, in the order above.</summary>
    public static IReadOnlyList<TextureKind> All { get; } = _names.Select(n => n.Kind).ToArray();

    /// <summary>The dataset name of [B], e.g. "stat-spectrum_color_wmm".</summary>
    public static string Name(this TextureKind kind) => _names.First(n => n.Kind == kind).Name;

    /// <summary>Parses a dataset name; a <see cref="UserInputException"/> lists the valid names.</summary>
    public static TextureKind Parse(string name)
    {
        foreach (var (kind, n) in _names)
        {
            if (string.Equals(n, name, StringComparison.OrdinalIgnoreCase))
            {
                return kind;
            }
        }
        throw new UserInputException($"--kind '{name}' is not a texture kind; use one of {string.Join(", ", _names.Select(n => n.Name))}");
    }

    /// <summary>Whether the kind is one of the statistical image models.</summary>
    public static bool IsStatistical(this TextureKind kind) => kind is TextureKind.StatSpectrum or TextureKind.StatWmm
        or TextureKind.StatSpectrumColor or TextureKind.StatSpectrumColorWmm;
}
