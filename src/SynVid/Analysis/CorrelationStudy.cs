using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SynVid.Analysis.Metrics;
using SynVid.Reporting;
using SynVid.Serialization;

namespace SynVid.Analysis;

/// <summary>One pre-training run: its dataset properties and its downstream top-1.</summary>
/// <param name="Name">The run folder's name.</param>
/// <param name="Directory">The run folder.</param>
/// <param name="Top1">Downstream top-1 accuracy (percent), <c>top1</c> of results.json.</param>
/// <param name="Properties">Numeric properties of metrics.json (missing or null ones absent).</param>
public sealed record RunProperties(string Name, string Directory, double Top1, IReadOnlyDictionary<string, double> Properties);

/// <summary>The correlation of one property with accuracy over the runs that have it.</summary>
/// <param name="Property">Property key of metrics.json.</param>
/// <param name="Pearson">Pearson r with its bootstrap interval.</param>
/// <param name="Spearman">Spearman ρ with its bootstrap interval.</param>
public sealed record PropertyCorrelation(string Property, CorrelationEstimate Pearson, CorrelationEstimate Spearman);

/// <summary>
/// Correlates downstream accuracy with each dataset property over several runs (the paper's Figure 4). A run folder holds
/// <c>metrics.json</c> (from <c>synvid analyze</c>; also accepted in a <c>metrics/</c> subfolder) and <c>results.json</c>
/// (from <c>synvid evaluate</c>, key <c>top1</c>; also accepted in an <c>eval/</c> subfolder).
/// </summary>
public static class CorrelationStudy
{
    /// <summary>The properties correlated: the six of metrics.json and the per-dimension diversity.</summary>
    public static IReadOnlyList<string> Properties { get; } = [.. MetricsJson.Properties, "diversity_logdet_per_dim"];

    /// <summary>Reads one run folder; throws <see cref="UserInputException"/> naming a missing or malformed file.</summary>
    public static RunProperties Load(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!System.IO.Directory.Exists(directory))
        {
            throw new UserInputException($"run folder {directory} does not exist");
        }
        var metricsPath = Find(directory, MetricsJson.FileName, "metrics");
        var resultsPath = Find(directory, "results.json", "eval");
        var metrics = ReadObject(metricsPath);
        var results = ReadObject(resultsPath);
        if (results["top1"] is not JsonValue top1 || !top1.TryGetValue<double>(out var accuracy))
        {
            throw new UserInputException($"{resultsPath}: no numeric 'top1'");
        }
        var full = Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar);
        return new RunProperties(Path.GetFileName(full), full, accuracy, PropertiesOf(metrics));
    }

    /// <summary>The finite numeric <see cref="Properties"/> of a metrics.json object (missing or non-finite ones left out).</summary>
    public static IReadOnlyDictionary<string, double> PropertiesOf(JsonObject metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var properties = new Dictionary<string, double>();
        foreach (var key in Properties)
        {
            if (metrics[key] is JsonValue value && value.TryGetValue<double>(out var number) && double.IsFinite(number))
            {
                properties[key] = number;
            }
        }
        return properties;
    }

    /// <summary>Pearson and Spearman correlation of top-1 with each property (over the runs that have it, at least 3).</summary>
    public static IReadOnlyList<PropertyCorrelation> Correlate(IReadOnlyList<RunProperties> runs, BootstrapOptions? bootstrap = null)
    {
        ArgumentNullException.ThrowIfNull(runs);
        bootstrap ??= new BootstrapOptions();
        var result = new List<PropertyCorrelation>();
        foreach (var property in Properties)
        {
            var have = runs.Where(r => r.Properties.ContainsKey(property)).ToList();
            if (have.Count < 3)
            {
                continue;
            }
            var x = have.Select(r => r.Properties[property]).ToArray();
            var y = have.Select(r => r.Top1).ToArray();
            result.Add(new PropertyCorrelation(property, Correlation.PearsonWithInterval(x, y, bootstrap), Correlation.SpearmanWithInterval(x, y, bootstrap)));
        }
        return result;
    }

    /// <summary>Writes correlations.json, correlations.csv and one scatter plot per property (scatter_PROPERTY.png).</summary>
    public static void Write(string directory, IReadOnlyList<RunProperties> runs, IReadOnlyList<PropertyCorrelation> correlations, BootstrapOptions bootstrap)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(correlations);
        ArgumentNullException.ThrowIfNull(bootstrap);
        System.IO.Directory.CreateDirectory(directory);
        foreach (var c in correlations)
        {
            ScatterPlot(Path.Combine(directory, $"scatter_{c.Property}.png"), runs, c);
        }
        var csv = new StringBuilder("property,n,pearson_r,pearson_low,pearson_high,spearman_r,spearman_low,spearman_high\n");
        foreach (var c in correlations)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{c.Property},{c.Pearson.Count},{c.Pearson.R:R},{c.Pearson.Low:R},{c.Pearson.High:R},{c.Spearman.R:R},{c.Spearman.Low:R},{c.Spearman.High:R}\n");
        }
        AtomicFile.WriteAllText(Path.Combine(directory, "correlations.csv"), csv.ToString());
        var json = new JsonObject
        {
            ["target"] = "top1",
            ["bootstrap"] = new JsonObject { ["resamples"] = bootstrap.Resamples, ["confidence"] = bootstrap.Confidence, ["seed"] = bootstrap.Seed, ["interval"] = "percentile" },
            ["correlations"] = new JsonObject(correlations.Select(c => KeyValuePair.Create<string, JsonNode?>(c.Property, new JsonObject
            {
                ["n"] = c.Pearson.Count,
                ["pearson"] = Estimate(c.Pearson),
                ["spearman"] = Estimate(c.Spearman),
            }))),
            ["runs"] = new JsonArray([.. runs.Select(r => (JsonNode)new JsonObject
            {
                ["name"] = r.Name,
                ["directory"] = r.Directory,
                ["top1"] = r.Top1,
                ["properties"] = new JsonObject(r.Properties.Select(p => KeyValuePair.Create<string, JsonNode?>(p.Key, p.Value))),
            })]),
        };
        AtomicFile.WriteAllText(
            Path.Combine(directory, "correlations.json"),
            json.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n");
    }

    private static JsonObject Estimate(CorrelationEstimate e) => new()
    {
        ["r"] = double.IsFinite(e.R) ? e.R : null,
        ["ci_low"] = double.IsFinite(e.Low) ? e.Low : null,
        ["ci_high"] = double.IsFinite(e.High) ? e.High : null,
    };

    private static void ScatterPlot(string path, IReadOnlyList<RunProperties> runs, PropertyCorrelation c)
    {
        var have = runs.Where(r => r.Properties.ContainsKey(c.Property)).ToList();
        var plot = new ScottPlot.Plot();
        var xs = have.Select(r => r.Properties[c.Property]).ToArray();
        var ys = have.Select(r => r.Top1).ToArray();
        var points = plot.Add.ScatterPoints(xs, ys);
        points.MarkerSize = 9;
        points.Color = ScottPlot.Colors.SteelBlue;
        for (var i = 0; i < have.Count; i++)
        {
            var label = plot.Add.Text(have[i].Name, xs[i], ys[i]);
            label.LabelFontSize = 10;
            label.LabelOffsetX = 6;
        }
        plot.Title(string.Create(CultureInfo.InvariantCulture, $"top-1 vs {c.Property}: Pearson r = {c.Pearson.R:F2} [{c.Pearson.Low:F2}, {c.Pearson.High:F2}], Spearman ρ = {c.Spearman.R:F2}"));
        // Room for the run labels right of the points.
        plot.Axes.Margins(horizontal: 0.15, vertical: 0.1);
        plot.XLabel(c.Property);
        plot.YLabel("top-1 (%)");
        PlotFile.SavePng(plot, path, 800, 560);
    }

    private static string Find(string directory, string file, string subfolder)
    {
        var direct = Path.Combine(directory, file);
        if (File.Exists(direct))
        {
            return direct;
        }
        var nested = Path.Combine(directory, subfolder, file);
        return File.Exists(nested) ? nested : throw new UserInputException($"run folder {directory}: no {file} (looked for {direct} and {nested})");
    }

    private static JsonObject ReadObject(string path)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new UserInputException($"{path}: not a JSON object");
        }
        catch (JsonException e)
        {
            throw new UserInputException($"{path}: invalid JSON ({e.Message})", e);
        }
    }
}
