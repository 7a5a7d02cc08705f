using System.Globalization;
using SynVid.Synthesis;
using SynVid.Textures;
using SynVid.Video;

namespace SynVid.Analysis.Data;

/// <summary>
/// <c>stage:NAME[,key=value...]</c>: a generated stage as a <see cref="SyntheticVideoSet"/> (video i is a pure function
/// of (stage, seed, i)), rendered on demand. Keys: <c>seed</c> (default 0), <c>count</c> (videos in the set, default
/// 9,537, the paper's dataset size, docs/reference-behaviour.md §1.2), <c>images=DIR</c> (texture folder for textured stages; otherwise the
/// built-in pool of stages 6–7), and any stage parameter by its manifest name (e.g. <c>speedFactor=0.5</c>,
/// <c>resolution=128</c>), applied with <see cref="StageOverrides"/>.
/// </summary>
public sealed class StageVideoCollection : IVideoCollection
{
    /// <summary>Default number of videos in a stage set.</summary>
    public const int DefaultCount = 9537;

    private readonly SyntheticVideoSet _set;
    private readonly ThreadLocal<FrameRenderer> _renderers;

    /// <summary>A collection of <paramref name="count"/> videos of <paramref name="parameters"/>.</summary>
    public StageVideoCollection(StageParameters parameters, ITextureSource? textures, long seed, int count)
    {
        _set = new SyntheticVideoSet(parameters, textures, seed, count);
        _renderers = new ThreadLocal<FrameRenderer>(() => new FrameRenderer(_set.Parameters.Resolution));
        Name = string.Create(CultureInfo.InvariantCulture, $"stage:{_set.Parameters.Name} (seed {seed}, {count} videos)");
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public int Count => _set.Count;

    /// <summary>Parses the text after <c>stage:</c>.</summary>
    public static StageVideoCollection Parse(string body, string spec)
    {
        var parts = body.Split(',', StringSplitOptions.TrimEntries);
        if (parts[0].Length == 0)
        {
            throw new UserInputException($"dataset spec '{spec}': stage NAME is missing (stages: {string.Join(", ", Stages.Names)})");
        }
        var stage = Stages.ByName(parts[0]);
        long seed = 0;
        var count = DefaultCount;
        string? images = null;
        var overrides = new List<string>();
        foreach (var pair in parts.Skip(1))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new UserInputException($"dataset spec '{spec}': '{pair}' must look like key=value");
            }
            var key = pair[..eq];
            var value = pair[(eq + 1)..];
            switch (key.ToLowerInvariant())
            {
                case "seed":
                    if (!long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out seed))
                    {
                        throw new UserInputException($"dataset spec '{spec}': seed '{value}' is not an integer");
                    }
                    break;
                case "count":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count < 1)
                    {
                        throw new UserInputException($"dataset spec '{spec}': count '{value}' must be a positive integer");
                    }
                    break;
                case "images":
                    images = value;
                    break;
                default:
                    overrides.Add(pair);
                    break;
            }
        }
        if (overrides.Count > 0)
        {
            stage = StageOverrides.ApplyPairs(stage, overrides);
        }
        stage = stage.Validated();
        ITextureSource? textures = null;
        if (stage.NeedsTextures)
        {
            textures = images is not null
                ? new ImageFolderTextureSource(images, stage.Resolution)
                : BuiltInStageTextures.OpenPool(stage.Name, seed)
                    ?? throw new UserInputException($"dataset spec '{spec}': stage '{stage.Name}' needs textures: add images=DIR");
        }
        return new StageVideoCollection(stage, textures, seed, count);
    }

    /// <inheritdoc />
    public int FrameCount(int video) => _set.Scene(video).FrameCount;

    /// <inheritdoc />
    public IReadOnlyList<RgbImage> ReadFrames(int video, IReadOnlyList<int> frames)
    {
        ArgumentNullException.ThrowIfNull(frames);
        var scene = _set.Scene(video);
        var renderer = _renderers.Value!;
        var rendered = new Dictionary<int, RgbImage>();
        return [.. frames.Select(t => rendered.TryGetValue(t, out var image) ? image : rendered[t] = renderer.Render(scene, t, _set.Textures))];
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _renderers.Dispose();
        (_set.Textures as IDisposable)?.Dispose();
    }
}
