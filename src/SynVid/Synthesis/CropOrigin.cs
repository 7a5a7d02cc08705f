namespace SynVid.Synthesis;

/// <summary>Where an object's texture window starts in the 2res × 2res resized texture (docs/reference-behaviour.md §2.8, quirk Q4).</summary>
public enum CropOrigin
{
    /// <summary>The top-left [0, 2r]² window (reference).</summary>
    TopLeft,

    /// <summary>A per-object offset drawn uniformly from [0, 2res − 2r]².</summary>
    UniformRandom,
}
