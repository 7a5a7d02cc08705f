using SynVid.Analysis.Metrics;
using SynVid.Datasets.Specs;
using SynVid.Video;

namespace SynVid.Analysis;

/// <summary>Everything measured on one dataset, before comparison with a reference (reusable across comparisons).</summary>
/// <param name="Name">The collection's description.</param>
/// <param name="FrameFeatures">Features of the random frames (N, d).</param>
/// <param name="ClipFeatures">Features of the random clips (V, d'), or null when the extractor has no clip form.</param>
/// <param name="ClipFrameFeatures">Frame features of every frame of the random clips (16·V, d), for diversity.</param>
/// <param name="SpectrumAlphas">α of each random frame that has one (constant frames have none).</param>
/// <param name="Lab">Gaussian of the sampled L*a*b* pixels.</param>
/// <param name="MeanSpectrum">Mean of ln A(r) over the frames of the most common square size.</param>
/// <param name="SampleFrames">The first few random frames, for figures.</param>
public sealed record DatasetSummary(
    string Name,
    FeatureMatrix FrameFeatures,
    FeatureMatrix? ClipFeatures,
    FeatureMatrix ClipFrameFeatures,
    IReadOnlyList<double> SpectrumAlphas,
    GaussianStats Lab,
    RadialSpectrum MeanSpectrum,
    IReadOnlyList<RgbImage> SampleFrames)
{
    /// <summary>The videos left out as bad while sampling (<see cref="AnalysisOptions.OnBadVideo"/> skip), in the collection's words.</summary>
    public IReadOnlyList<SkippedVideo> SkippedVideos { get; init; } = [];

    /// <summary>Mean α over frames (NaN when no frame has one).</summary>
    public double SpectrumAlpha => SpectrumAlphas.Count > 0 ? SpectrumAlphas.Average() : double.NaN;

    /// <summary>Diversity of the clip frames' features.</summary>
    public DiversityResult Diversity(double epsilon) => FeatureDiversity.LogDet(ClipFrameFeatures, epsilon);
}
