using SynVid.Analysis.Metrics;
using SynVid.Datasets.Specs;

namespace SynVid.Analysis;

/// <summary>What <see cref="DatasetAnalysis"/> measures and how (defaults: docs/reference-behaviour.md §7).</summary>
public sealed record AnalysisOptions
{
    /// <summary>Dataset spec of the analysed data (see <see cref="Data.VideoCollections.Forms"/>).</summary>
    public required string Data { get; init; }

    /// <summary>Dataset spec of the reference (the paper: UCF101 split-1 train).</summary>
    public required string Reference { get; init; }

    /// <summary>Feature extractor spec (<see cref="Features.FeatureExtractors.Forms"/>).</summary>
    public string Features { get; init; } = "random:0";

    /// <summary>Random frames per dataset for FID, KID, spectrum slope and colour (§7: 10k).</summary>
    public int Frames { get; init; } = 10000;

    /// <summary>Random videos per dataset for FVD and diversity (§7: 1,000).</summary>
    public int Videos { get; init; } = 1000;

    /// <summary>Frames per clip for FVD and per video for diversity (§7: 16).</summary>
    public int ClipLength { get; init; } = 16;

    /// <summary>Seed of every sampling choice.</summary>
    public long Seed { get; init; }

    /// <summary>Frames per feature-extractor call.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Threads that decode or render frames; 0 = all cores.</summary>
    public int Parallelism { get; init; }

    /// <summary>TorchSharp device for the random and videomae extractors ("cpu", "cuda", "auto").</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>
    /// What a video file of either dataset that cannot be read does: stop (the default) or leave it out
    /// (<see cref="Data.FileVideoCollection"/>; <see cref="DatasetSummary.SkippedVideos"/> lists it).
    /// </summary>
    public BadVideoPolicy OnBadVideo { get; init; } = BadVideoPolicy.Fail;

    /// <summary>KID subsets.</summary>
    public KidOptions Kid { get; init; } = new();

    /// <summary>ε of the diversity log-determinant.</summary>
    public double DiversityEpsilon { get; init; } = FeatureDiversity.DefaultEpsilon;

    /// <summary>Approximate pixels per frame that enter the L*a*b* Gaussian (a regular grid, see docs/analysis.md).</summary>
    public int LabPixelsPerFrame { get; init; } = 4096;

    /// <summary>Checks the values; throws <see cref="UserInputException"/> naming the bad one.</summary>
    public AnalysisOptions Validated()
    {
        if (Frames < 2)
        {
            throw new UserInputException($"--frames {Frames} must be at least 2");
        }
        if (Videos < 2)
        {
            throw new UserInputException($"--videos {Videos} must be at least 2");
        }
        if (Parallelism < 0)
        {
            throw new UserInputException($"--threads must be 0 (all cores) or positive, got {Parallelism}");
        }
        if (ClipLength < 1 || BatchSize < 1 || LabPixelsPerFrame < 1)
        {
            throw new UserInputException("clip length, batch size and Lab pixels per frame must be positive");
        }
        return this;
    }
}
