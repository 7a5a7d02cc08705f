using SynVid.Video;

namespace SynVid.Textures;

/// <summary>
/// A finite, indexed set of RGB textures that the generator's textured stages draw from (an image folder, a pool of
/// procedurally generated textures). Texture <c>i</c> is a pure function of the source's configuration and <c>i</c>;
/// implementations are thread-safe.
/// </summary>
public interface ITextureSource
{
    /// <summary>A short description for manifests and logs, e.g. "folder:/data/imagenet (12,000 images)".</summary>
    string Name { get; }

    /// <summary>Number of textures; valid indices are 0 .. Count-1.</summary>
    int Count { get; }

    /// <summary>The texture with the given index (callers must not modify the returned pixels).</summary>
    RgbImage Get(int index);
}
