namespace SynVid.Synthesis;

/// <summary>How circles respond to the affine transform (docs/reference-behaviour.md §2.9, quirk Q1).</summary>
public enum CircleTransform
{
    /// <summary>Circles only translate (the reference offline generator, stages 6–8).</summary>
    None,

    /// <summary>Ellipse axes (⌊r·s_x⌋, ⌊r·s_y⌋) rotated by ω·t, no shear (the reference on-the-fly generator, stages 4–5).</summary>
    OnTheFlyStyle,

    /// <summary>The circle is mapped by the full A(t) about its centre (rotation, scale and shear; the paper's prose).</summary>
    FullAffine,
}
