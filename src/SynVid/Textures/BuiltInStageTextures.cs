namespace SynVid.Textures;

/// <summary>
/// The built-in texture families of the textured stages, so stages 6 and 7 need no downloaded images (docs/reference-behaviour.md §3):
/// <c>accelerating-textures</c> uses <c>stat-spectrum_color_wmm</c> (Baradad et al.'s statistical image model used by
/// the paper's stage 6) and <c>accelerating-stylegan</c> uses <c>stylegan-oriented</c>. Image crops (stage 8) need an
/// image folder.
/// </summary>
public static class BuiltInStageTextures
{
    /// <summary>Textures in a stage's default pool (the paper draws from 300k; a pool is generated lazily and cached).</summary>
    public const int DefaultPoolSize = 1000;

    /// <summary>Texture side of the pools (the generator samples any texture as if resized to 2·res).</summary>
    public const int Resolution = 256;

    /// <summary>The built-in family of a stage, or null when the stage has none (untextured, or image crops).</summary>
    public static TextureKind? KindFor(string stageName) => stageName switch
    {
        "accelerating-textures" => TextureKind.StatSpectrumColorWmm,
        "accelerating-stylegan" => TextureKind.StyleGanOriented,
        _ => null,
    };

    /// <summary>A lazily filled pool of the stage's family, or null when it has none.</summary>
    public static TexturePool? OpenPool(string stageName, long seed, int count = DefaultPoolSize, int resolution = Resolution, string? folder = null)
    {
        if (KindFor(stageName) is not { } kind)
        {
            return null;
        }
        // The statistical models' FFT temporaries run about 3× faster with the allocator keeping them in the heap.
        Runtime.NativeAllocatorTuning.Apply();
        return new TexturePool(TextureGenerators.Create(kind, resolution, seed), count, folder);
    }
}
