using SynVid.Analysis.Metrics;

namespace SynVid.Analysis;

/// <summary>The dataset properties of docs/reference-behaviour.md §7 for one dataset against a reference.</summary>
/// <param name="Fid">Fréchet distance of frame features.</param>
/// <param name="Kid">KID of frame features.</param>
/// <param name="Fvd">Fréchet distance of clip features (null when the extractor has no clip form).</param>
/// <param name="Diversity">logdet of the data's clip-frame feature covariance.</param>
/// <param name="ReferenceDiversity">The same for the reference.</param>
/// <param name="SpectrumAlpha">Mean spectrum slope of the data's frames.</param>
/// <param name="ReferenceSpectrumAlpha">Mean spectrum slope of the reference's frames.</param>
/// <param name="LabSymmetricKl">KL(P‖Q) + KL(Q‖P) of the L*a*b* Gaussians (null when a covariance is singular).</param>
/// <param name="Extractor">Extractor spec.</param>
/// <param name="ComparableWithPaper">Whether FID-type values follow the paper's Inception/I3D recipe.</param>
/// <param name="Data">Data summary.</param>
/// <param name="Reference">Reference summary.</param>
public sealed record DatasetMetrics(
    double Fid,
    KidResult Kid,
    double? Fvd,
    DiversityResult Diversity,
    DiversityResult ReferenceDiversity,
    double SpectrumAlpha,
    double ReferenceSpectrumAlpha,
    double? LabSymmetricKl,
    string Extractor,
    bool ComparableWithPaper,
    DatasetSummary Data,
    DatasetSummary Reference);
