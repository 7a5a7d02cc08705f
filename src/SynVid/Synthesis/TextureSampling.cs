namespace SynVid.Synthesis;

/// <summary>How the warped texture is sampled inside a textured object (docs/reference-behaviour.md §2.8 step 4).</summary>
public enum TextureSampling
{
    /// <summary>Bilinear between texels with a black border, like the reference warp.</summary>
    Bilinear,

    /// <summary>Nearest texel; faster, blockier.</summary>
    Nearest,
}
