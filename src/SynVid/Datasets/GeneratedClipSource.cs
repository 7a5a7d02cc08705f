using SynVid.Synthesis;
using SynVid.Video;

namespace SynVid.Datasets;

/// <summary>
/// Pre-training clips from a generator stage, rendered on the fly (docs/reference-behaviour.md §2.9, §9): sample i is sample
/// i mod E of virtual epoch ⌊i / E⌋ (E = the recipe's epoch size), a fresh video every time.
/// </summary>
public sealed class GeneratedClipSource : IPretrainClipSource, IDisposable
{
    private readonly OnTheFlyClipSource _source;

    /// <summary>Wraps an on-the-fly source.</summary>
    public GeneratedClipSource(OnTheFlyClipSource source)
    {
        _source = source;
    }

    /// <inheritdoc />
    public string Name => $"stage:{_source.Parameters.Name}";

    /// <inheritdoc />
    public IReadOnlyList<RgbImage> Clip(long sampleIndex)
    {
        var epochSize = _source.Clips.EpochSize;
        return _source.Get(sampleIndex / epochSize, (int)(sampleIndex % epochSize)).Frames;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        (_source.Textures as IDisposable)?.Dispose();
        _source.Dispose();
    }
}
