namespace SynVid.Textures;

/// <summary>Creates the generator of a texture kind with its reference defaults.</summary>
public static class TextureGenerators
{
    /// <summary>The generator for <paramref name="kind"/> at <paramref name="resolution"/>² with dataset <paramref name="seed"/>.</summary>
    public static ITextureGenerator Create(TextureKind kind, int resolution = 256, long seed = 0) => kind switch
    {
        _ when kind.IsStatistical() => new StatisticalTextureGenerator(kind, StatisticalTextureOptions.For(kind, resolution), seed),
        TextureKind.StyleGanRandom => new StyleGanTextureGenerator(StyleGanVariant.Random, new StyleGanOptions { Resolution = resolution }, seed),
        TextureKind.StyleGanOriented => new StyleGanTextureGenerator(StyleGanVariant.Oriented, new StyleGanOptions { Resolution = resolution }, seed),
        _ => throw new ArgumentException($"unknown texture kind {kind}", nameof(kind)),
    };
}
