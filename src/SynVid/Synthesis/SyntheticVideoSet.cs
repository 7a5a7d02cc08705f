using SynVid.Textures;
using SynVid.Video;

namespace SynVid.Synthesis;

/// <summary>
/// A fixed, random-access set of synthetic videos: video i is a pure function of (stage parameters, texture source,
/// seed, i), whatever the order or thread it is rendered on. The last round(ratio · count) videos are static-image videos
/// when the stage mixes them in (§1.3).
/// </summary>
public sealed class SyntheticVideoSet
{
    /// <summary>A set of <paramref name="count"/> videos.</summary>
    public SyntheticVideoSet(StageParameters parameters, ITextureSource? textures, long seed, int count)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 0);
        Parameters = parameters.Validated();
        if (Parameters.NeedsTextures && (textures is null || textures.Count == 0))
        {
            throw new UserInputException($"stage '{Parameters.Name}' needs textures: give an image folder (--images DIR) or another texture source");
        }
        Textures = textures;
        Seed = seed;
        Count = count;
    }

    /// <summary>Stage parameters.</summary>
    public StageParameters Parameters { get; }

    /// <summary>Texture source, if the stage uses one.</summary>
    public ITextureSource? Textures { get; }

    /// <summary>Dataset seed.</summary>
    public long Seed { get; }

    /// <summary>Number of videos.</summary>
    public int Count { get; }

    /// <summary>Whether video <paramref name="index"/> is a static-image video.</summary>
    public bool IsStaticImage(long index) => IsStaticImage(Parameters.StaticImageRatio, index, Count);

    /// <summary>
    /// The last round(ratio · count) indices of each block of <paramref name="count"/> are static-image videos (§1.3:
    /// 477 of 9,537 at 5%, which is 0.05 · 9537 = 476.85 rounded, not floored).
    /// </summary>
    public static bool IsStaticImage(double ratio, long index, int count) =>
        ratio > 0 && index % count >= count - (long)Math.Round(ratio * count, MidpointRounding.AwayFromZero);

    /// <summary>The scene of video <paramref name="index"/>.</summary>
    public Scene Scene(long index) =>
        SceneSampler.Sample(Parameters, Textures?.Count ?? 0, new SeededRandom(Seed, index), IsStaticImage(index));

    /// <summary>Renders every frame of video <paramref name="index"/>, or the first <paramref name="frames"/> when given.</summary>
    public IEnumerable<RgbImage> Frames(long index, FrameRenderer renderer, int? frames = null)
    {
        ArgumentNullException.ThrowIfNull(renderer);
        var scene = Scene(index);
        var n = frames ?? scene.FrameCount;
        for (var t = 0; t < n; t++)
        {
            yield return renderer.Render(scene, t, Textures);
        }
    }
}
