using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SynVid.Reporting;
using SynVid.Serialization;

namespace SynVid.Evaluation;

/// <summary>
/// Writes an evaluation into a folder: <c>predictions.csv</c> (one row per video), <c>per_class.csv</c>,
/// <c>confusion.png</c>, and last <c>results.json</c> (<c>top1</c>, <c>top5</c>, <c>num_videos</c>, <c>views</c>,
/// per-class accuracy, and any extra fields), each written to a temporary name and renamed, so a folder with a
/// <c>results.json</c> holds a complete evaluation.
/// </summary>
public static class EvaluationReport
{
    /// <summary>The result file's name.</summary>
    public const string ResultsFile = "results.json";

    /// <summary>Writes the files; <paramref name="extra"/> values (numbers, strings, booleans, lists) are added to results.json.</summary>
    public static void Write(string directory, EvaluationResult result, IReadOnlyDictionary<string, object?>? extra = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        Directory.CreateDirectory(directory);
        AtomicFile.WriteAllText(Path.Combine(directory, "predictions.csv"), PredictionsCsv(result));
        AtomicFile.WriteAllText(Path.Combine(directory, "per_class.csv"), PerClassCsv(result));
        ConfusionMatrixPlot.Save(Path.Combine(directory, "confusion.png"), result.Confusion(), result.ClassNames,
            string.Create(CultureInfo.InvariantCulture, $"confusion ({result.Predictions.Count} videos, {result.Views} views, top-1 {result.Top1:F1}%)"));
        AtomicFile.WriteAllText(Path.Combine(directory, ResultsFile), ResultsJson(result, extra));
    }

    /// <summary>The results.json document.</summary>
    public static string ResultsJson(EvaluationResult result, IReadOnlyDictionary<string, object?>? extra = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var perClass = new JsonObject();
        var accuracies = result.PerClassAccuracy();
        for (var c = 0; c < result.ClassNames.Count; c++)
        {
            perClass[result.ClassNames[c]] = double.IsNaN(accuracies[c]) ? null : Math.Round(accuracies[c], 4);
        }
        var json = new JsonObject
        {
            ["top1"] = Math.Round(result.Top1, 4),
            ["top5"] = Math.Round(result.Top5, 4),
            ["num_videos"] = result.Predictions.Count,
            ["views"] = result.Views.ToString(),
            ["num_classes"] = result.ClassNames.Count,
            ["per_class_top1"] = perClass,
        };
        if (extra is not null)
        {
            foreach (var (key, value) in extra)
            {
                json[key] = JsonSerializer.SerializeToNode(value);
            }
        }
        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    /// <summary>path,label,label_name,predicted,predicted_name,probability_true,probability_predicted.</summary>
    public static string PredictionsCsv(EvaluationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var csv = new StringBuilder("path,label,label_name,predicted,predicted_name,probability_true,probability_predicted\n");
        foreach (var p in result.Predictions)
        {
            var predicted = p.Predicted;
            csv.Append(CultureInfo.InvariantCulture,
                $"{Quote(p.Path)},{p.Label},{Quote(result.ClassNames[p.Label])},{predicted},{Quote(result.ClassNames[predicted])},{p.Probabilities[p.Label]:G6},{p.Probabilities[predicted]:G6}\n");
        }
        return csv.ToString();
    }

    private static string PerClassCsv(EvaluationResult result)
    {
        var confusion = result.Confusion();
        var csv = new StringBuilder("class,label,videos,correct,top1\n");
        for (var c = 0; c < result.ClassNames.Count; c++)
        {
            var total = 0;
            for (var j = 0; j < result.ClassNames.Count; j++)
            {
                total += confusion[c, j];
            }
            var accuracy = total == 0 ? "" : (100.0 * confusion[c, c] / total).ToString("F4", CultureInfo.InvariantCulture);
            csv.Append(CultureInfo.InvariantCulture, $"{Quote(result.ClassNames[c])},{c},{total},{confusion[c, c]},{accuracy}\n");
        }
        return csv.ToString();
    }

    private static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
