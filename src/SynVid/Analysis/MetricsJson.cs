using System.Text.Json;
using System.Text.Json.Nodes;
using SynVid.Datasets.Specs;
using SynVid.Serialization;

namespace SynVid.Analysis;

/// <summary>
/// <c>metrics.json</c> of <c>synvid analyze</c>: the six properties <c>fid</c>, <c>kid</c>, <c>fvd</c>,
/// <c>diversity_logdet</c>, <c>spectrum_alpha</c>, <c>lab_skl</c>, plus the recipe details that make values comparable.
/// </summary>
public static class MetricsJson
{
    /// <summary>File name.</summary>
    public const string FileName = "metrics.json";

    /// <summary>The six properties that <c>synvid correlate</c> reads.</summary>
    public static IReadOnlyList<string> Properties { get; } = ["fid", "kid", "fvd", "diversity_logdet", "spectrum_alpha", "lab_skl"];

    /// <summary>The JSON object.</summary>
    public static JsonObject ToJson(DatasetMetrics metrics, AnalysisOptions options)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(options);
        return new JsonObject
        {
            ["fid"] = Number(metrics.Fid),
            ["kid"] = Number(metrics.Kid.Mean),
            ["fvd"] = metrics.Fvd is { } fvd ? Number(fvd) : null,
            ["diversity_logdet"] = Number(metrics.Diversity.LogDet),
            ["spectrum_alpha"] = Number(metrics.SpectrumAlpha),
            ["lab_skl"] = metrics.LabSymmetricKl is { } lab ? Number(lab) : null,
            ["kid_std"] = Number(metrics.Kid.Std),
            ["diversity_logdet_per_dim"] = Number(metrics.Diversity.LogDetPerDim),
            ["diversity_rank"] = metrics.Diversity.Rank,
            ["diversity_epsilon"] = metrics.Diversity.Epsilon,
            ["reference_diversity_logdet"] = Number(metrics.ReferenceDiversity.LogDet),
            ["reference_diversity_logdet_per_dim"] = Number(metrics.ReferenceDiversity.LogDetPerDim),
            ["reference_spectrum_alpha"] = Number(metrics.ReferenceSpectrumAlpha),
            ["extractor"] = metrics.Extractor,
            ["feature_dim"] = metrics.Data.FrameFeatures.Columns,
            ["clip_feature_dim"] = metrics.Data.ClipFeatures?.Columns,
            ["comparable_with_paper"] = metrics.ComparableWithPaper,
            ["note"] = metrics.ComparableWithPaper
                ? "FID/KID/diversity use Inception-v3 pool3 features as the paper."
                : $"Features from '{metrics.Extractor}' are not Inception-v3/I3D: FID, KID, FVD and diversity values are not comparable with the paper's (docs/reference-behaviour.md §7), only between runs with the same extractor. spectrum_alpha and lab_skl need no features.",
            ["data"] = options.Data,
            ["reference"] = options.Reference,
            ["data_description"] = metrics.Data.Name,
            ["reference_description"] = metrics.Reference.Name,
            ["seed"] = options.Seed,
            ["on_bad_video"] = options.OnBadVideo == BadVideoPolicy.Skip ? "skip" : "fail",
            ["counts"] = new JsonObject
            {
                ["frames"] = metrics.Data.FrameFeatures.Rows,
                ["reference_frames"] = metrics.Reference.FrameFeatures.Rows,
                ["videos"] = metrics.Data.ClipFrameFeatures.Rows / options.ClipLength,
                ["reference_videos"] = metrics.Reference.ClipFrameFeatures.Rows / options.ClipLength,
                ["clip_length"] = options.ClipLength,
                ["diversity_frames"] = metrics.Data.ClipFrameFeatures.Rows,
                ["spectrum_frames"] = metrics.Data.SpectrumAlphas.Count,
                ["reference_spectrum_frames"] = metrics.Reference.SpectrumAlphas.Count,
                ["lab_pixels"] = metrics.Data.Lab.Count,
                ["reference_lab_pixels"] = metrics.Reference.Lab.Count,
                ["kid_subset_size"] = metrics.Kid.SubsetSize,
                ["kid_subsets"] = metrics.Kid.Subsets,
                ["skipped_videos"] = metrics.Data.SkippedVideos.Count,
                ["reference_skipped_videos"] = metrics.Reference.SkippedVideos.Count,
            },
        };
    }

    /// <summary>Writes <c>DIR/metrics.json</c> atomically.</summary>
    public static string Write(string directory, DatasetMetrics metrics, AnalysisOptions options)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        AtomicFile.WriteAllText(path, ToJson(metrics, options).ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n");
        return path;
    }

    /// <summary>A finite double, or null (JSON has no NaN).</summary>
    private static JsonNode? Number(double value) => double.IsFinite(value) ? JsonValue.Create(value) : null;
}
