using SynVid.Textures;
using SynVid.Video;

namespace SynVid.Synthesis;

/// <summary>
/// A texture source whose textures are frame 0 of videos of another stage, rendered at 2·res (so no resize is
/// needed) and kept in memory: a self-contained pool of dead-leaves images for benchmarks and previews when no image
/// folder or procedural pool is given.
/// </summary>
public sealed class RenderedTextureSource : ITextureSource
{
    private readonly RgbImage[] _textures;

    /// <summary>Renders <paramref name="count"/> textures of side <paramref name="size"/> from <paramref name="stage"/>.</summary>
    public RenderedTextureSource(StageParameters stage, int count, int size, long seed)
    {
        ArgumentNullException.ThrowIfNull(stage);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var p = stage with { Resolution = size, Textured = false, StaticImageRatio = 0, Background = BackgroundKind.Black };
        var set = new SyntheticVideoSet(p, null, seed, count);
        _textures = new RgbImage[count];
        Parallel.For(0, count, () => new FrameRenderer(size), (i, _, renderer) =>
        {
            _textures[i] = renderer.Render(set.Scene(i), 0, null);
            return renderer;
        }, _ => { });
        Name = $"rendered:{stage.Name} ({count} × {size}²)";
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public int Count => _textures.Length;

    /// <inheritdoc />
    public RgbImage Get(int index) => _textures[index];
}
