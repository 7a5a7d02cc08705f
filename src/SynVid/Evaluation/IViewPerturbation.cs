using SynVid.Video;

namespace SynVid.Evaluation;

/// <summary>
/// Changes what the model sees during multi-view testing (robustness evaluation, docs/reference-behaviour.md §6.1). Both methods
/// are called once per view, so every view draws independently, as the reference reloads and perturbs the video
/// for each view.
/// </summary>
public interface IViewPerturbation
{
    /// <summary>
    /// Acts on the strided, short-side-resized uint8 buffer before view <paramref name="view"/> is cut (temporal
    /// perturbations); the evaluator pads a shortened result by repeating its last frame. Return the input unchanged
    /// when there is nothing to do.
    /// </summary>
    IReadOnlyList<RgbImage> PerturbBuffer(IReadOnlyList<RgbImage> buffer, int video, int view);

    /// <summary>Acts on the cropped uint8 frames of view <paramref name="view"/> (spatial perturbations).</summary>
    IReadOnlyList<RgbImage> PerturbView(IReadOnlyList<RgbImage> frames, int video, int view);
}
