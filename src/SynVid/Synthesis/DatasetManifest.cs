using System.Text.Json;
using SynVid.Runtime;

namespace SynVid.Synthesis;

/// <summary>
/// manifest.json of a generated dataset: every parameter, the seed and the SynVid version. It is the same for every
/// shard, so shards may write it concurrently, and a resumed run checks it to refuse mixing two datasets in one folder.
/// </summary>
public sealed record DatasetManifest
{
    /// <summary>SynVid version that wrote the dataset.</summary>
    public required string SynVidVersion { get; init; }

    /// <summary>Stage parameters.</summary>
    public required StageParameters Stage { get; init; }

    /// <summary>Dataset seed.</summary>
    public required long Seed { get; init; }

    /// <summary>Number of videos in the whole dataset (all shards).</summary>
    public required int Count { get; init; }

    /// <summary>"mp4" or "png".</summary>
    public required string Format { get; init; }

    /// <summary>Frames per second of the videos.</summary>
    public required double Fps { get; init; }

    /// <summary>Texture source description, or null.</summary>
    public required string? Textures { get; init; }

    /// <summary>Number of textures in the source (0 without).</summary>
    public required int TextureCount { get; init; }

    /// <summary>Relative path pattern of video i.</summary>
    public required string Layout { get; init; }

    /// <summary>The manifest as indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, StageOverrides.Json);

    /// <summary>A manifest for this build of SynVid.</summary>
    public static DatasetManifest For(SyntheticVideoSet videos, VideoFormat format, double fps, string layout) => new()
    {
        SynVidVersion = BuildInfo.Version,
        Stage = videos.Parameters,
        Seed = videos.Seed,
        Count = videos.Count,
        Format = format.ToString().ToLowerInvariant(),
        Fps = fps,
        Textures = videos.Textures?.Name,
        TextureCount = videos.Textures?.Count ?? 0,
        Layout = layout,
    };
}
