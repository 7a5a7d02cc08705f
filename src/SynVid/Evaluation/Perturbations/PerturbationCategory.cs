namespace SynVid.Evaluation.Perturbations;

/// <summary>The five perturbation families of UCF101-P (Schiappa et al. 2023; docs/reference-behaviour.md §6.2).</summary>
public enum PerturbationCategory
{
    /// <summary>Pixel noise: gaussian, shot, impulse, speckle.</summary>
    Noise,

    /// <summary>Blur: defocus, motion, zoom, glass.</summary>
    Blur,

    /// <summary>Digital artefacts: JPEG compression.</summary>
    Digital,

    /// <summary>Camera motion: translate, per-frame rotate, static rotate.</summary>
    Camera,

    /// <summary>Frame order and rate: sampling, reverse sampling, jumble, box jumble, freeze.</summary>
    Temporal,
}
