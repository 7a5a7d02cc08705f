using SynVid.Concurrency;
using SynVid.Textures;

namespace SynVid.Synthesis;

/// <summary>
/// Training clips rendered on the fly (docs/reference-behaviour.md §2.9): every sample is a fresh video drawn from
/// (seed, epoch, index), of which only the T sampled frames are rendered. The result of <see cref="Get"/> is a pure
/// function of those keys; <see cref="Stream"/> renders in parallel and yields in index order.
/// </summary>
public sealed class OnTheFlyClipSource : IDisposable
{
    private readonly ThreadLocal<FrameRenderer> _renderers;

    /// <summary>A source for a stage, its textures (if any), a seed and the clip options.</summary>
    public OnTheFlyClipSource(StageParameters parameters, ITextureSource? textures, long seed, ClipSampling? clips = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameters = parameters.Validated();
        if (Parameters.NeedsTextures && (textures is null || textures.Count == 0))
        {
            throw new UserInputException($"stage '{Parameters.Name}' needs textures: give an image folder (--images DIR) or another texture source");
        }
        Textures = textures;
        Seed = seed;
        Clips = (clips ?? new ClipSampling()).Validated();
        _renderers = new ThreadLocal<FrameRenderer>(() => new FrameRenderer(Parameters.Resolution));
    }

    /// <summary>Stage parameters.</summary>
    public StageParameters Parameters { get; }

    /// <summary>Texture source, if any.</summary>
    public ITextureSource? Textures { get; }

    /// <summary>Dataset seed.</summary>
    public long Seed { get; }

    /// <summary>Clip length, stride and epoch size.</summary>
    public ClipSampling Clips { get; }

    /// <summary>Sample <paramref name="index"/> of epoch <paramref name="epoch"/>.</summary>
    public SyntheticClip Get(long epoch, int index)
    {
        var rng = new SeededRandom(Seed, epoch, index);
        var staticImage = SyntheticVideoSet.IsStaticImage(Parameters.StaticImageRatio, index, Clips.EpochSize);
        var scene = SceneSampler.Sample(Parameters, Textures?.Count ?? 0, rng, staticImage);
        var ids = Clips.FrameIndices(scene.FrameCount, rng);
        var renderer = _renderers.Value!;
        var frames = new Video.RgbImage[ids.Length];
        for (var k = 0; k < ids.Length; k++)
        {
            // Static videos (stage 1 and static-image samples) render once and share the frame's pixels by copy.
            frames[k] = k > 0 && (Parameters.Motion == MotionMode.Static || scene.StaticImageId >= 0)
                ? new Video.RgbImage(frames[0].Width, frames[0].Height, (byte[])frames[0].Pixels.Clone())
                : Render(renderer, scene, ids[k]);
        }
        return new SyntheticClip(index, frames, ids, scene.FrameCount);
    }

    private Video.RgbImage Render(FrameRenderer renderer, Scene scene, int t)
    {
        // The renderer writes every pixel, so the frame needs no zeroing (a measurable share of a clip's cost).
        var side = Parameters.Resolution;
        var image = new Video.RgbImage(side, side, GC.AllocateUninitializedArray<byte>(side * side * 3));
        renderer.Render(scene, t, Textures, image);
        return image;
    }

    /// <summary>
    /// Samples <paramref name="start"/>..start+count−1 of an epoch, rendered on <paramref name="parallelism"/> threads
    /// (0 = all cores) with at most <paramref name="capacity"/> clips buffered, yielded in index order.
    /// </summary>
    public IEnumerable<SyntheticClip> Stream(long epoch, int start, int count, int parallelism = 0, int capacity = 0, CancellationToken cancellationToken = default) =>
        OrderedPrefetcher.Produce(count, i => Get(epoch, start + i), parallelism, capacity, cancellationToken);

    /// <inheritdoc />
    public void Dispose() => _renderers.Dispose();
}
