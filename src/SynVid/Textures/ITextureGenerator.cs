using SynVid.Video;

namespace SynVid.Textures;

/// <summary>
/// A procedural texture family: texture <c>index</c> is a pure function of (kind, options, seed, index), identical for
/// any thread count. Implementations are thread-safe.
/// </summary>
public interface ITextureGenerator : IDisposable
{
    /// <summary>The family.</summary>
    TextureKind Kind { get; }

    /// <summary>Output side in pixels.</summary>
    int Resolution { get; }

    /// <summary>Dataset seed.</summary>
    long Seed { get; }

    /// <summary>Generates texture <paramref name="index"/> (index ≥ 0).</summary>
    RgbImage Generate(long index);
}
