namespace SynVid.Synthesis;

/// <summary>
/// Everything needed to render any frame of one video: the objects in painter's order, the duration and the
/// background. A pure function of (stage parameters, texture count, seed, index); see <see cref="SceneSampler"/>.
/// </summary>
public sealed record Scene
{
    /// <summary>The stage parameters the scene was sampled with.</summary>
    public required StageParameters Parameters { get; init; }

    /// <summary>Video length in frames.</summary>
    public required int FrameCount { get; init; }

    /// <summary>Objects in painter's order (later ones occlude earlier ones).</summary>
    public required IReadOnlyList<SceneObject> Objects { get; init; }

    /// <summary>Uniform background colour (black unless <see cref="BackgroundKind.RandomColour"/>).</summary>
    public required (byte R, byte G, byte B) BackgroundColour { get; init; }

    /// <summary>Texture id of the background image, or −1.</summary>
    public required int BackgroundTextureId { get; init; }

    /// <summary>When ≥ 0, the video is this texture-source image repeated for every frame (static-image mix).</summary>
    public required int StaticImageId { get; init; }
}
