using System.Text.Json;
using System.Text.Json.Nodes;
using SynVid.Analysis.Metrics;
using SynVid.Evaluation;

namespace SynVid.Analysis.Progression;

/// <summary>
/// The test accuracy of one kind of downstream step of an arm (its fine-tuning runs, or one probe), read back from the
/// step folders: each run's <c>top1</c> (results.json) and, from predictions.csv, each test video's correctness
/// averaged over the runs, with its bootstrap interval (<see cref="AccuracyBootstrap"/>).
/// </summary>
/// <param name="Top1s">Top-1 (percent) of each finished run.</param>
/// <param name="Interval">95 % bootstrap interval of the mean over test videos.</param>
/// <param name="Videos">The test videos, in predictions.csv order.</param>
/// <param name="PerVideo">Each video's correctness averaged over the runs, in [0, 1].</param>
public sealed record ArmAccuracy(IReadOnlyList<double> Top1s, AccuracyInterval Interval, IReadOnlyList<string> Videos, IReadOnlyList<double> PerVideo)
{
    /// <summary>Mean top-1 over the runs.</summary>
    public double Mean => Top1s.Average();

    /// <summary>Sample standard deviation of top-1 over the runs (null for one run).</summary>
    public double? Sd => Top1s.Count >= 2 ? MathNet.Numerics.Statistics.Statistics.StandardDeviation(Top1s) : null;

    /// <summary>Finished runs.</summary>
    public int Runs => Top1s.Count;

    /// <summary>
    /// Reads the finished runs among <paramref name="stepDirectories"/> (those with a results.json); null when none
    /// has finished. The runs must have tested the same videos in the same order.
    /// </summary>
    public static ArmAccuracy? Read(IEnumerable<string> stepDirectories, BootstrapOptions? bootstrap = null)
    {
        ArgumentNullException.ThrowIfNull(stepDirectories);
        var top1s = new List<double>();
        var runs = new List<IReadOnlyList<PredictedVideo>>();
        foreach (var dir in stepDirectories)
        {
            if (Top1(dir) is not { } top1)
            {
                continue;
            }
            var predictions = PredictionsFile.Read(Path.Combine(dir, PredictionsFile.FileName));
            if (runs.Count > 0 && !predictions.Select(p => p.Path).SequenceEqual(runs[0].Select(p => p.Path)))
            {
                throw new UserInputException($"{dir}: its test videos differ from those of {stepDirectories.First()}; runs of one arm must test the same videos");
            }
            top1s.Add(top1);
            runs.Add(predictions);
        }
        if (runs.Count == 0)
        {
            return null;
        }
        if (runs[0].Count == 0)
        {
            throw new UserInputException($"{stepDirectories.First()}: predictions.csv lists no test video");
        }
        var perVideo = AccuracyBootstrap.PerVideo([.. runs.Select(r => (IReadOnlyList<bool>)[.. r.Select(p => p.Correct)])]);
        return new ArmAccuracy(top1s, AccuracyBootstrap.Accuracy(perVideo, bootstrap), [.. runs[0].Select(p => p.Path)], perVideo);
    }

    /// <summary>
    /// This arm's top-1 minus <paramref name="other"/>'s, in points, with its 95 % bootstrap interval: paired over the
    /// videos when both tested the same ones (the usual case: one downstream test set), unpaired otherwise.
    /// </summary>
    public AccuracyInterval Minus(ArmAccuracy other, BootstrapOptions? bootstrap = null)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Videos.SequenceEqual(other.Videos)
            ? AccuracyBootstrap.PairedDifference(PerVideo, other.PerVideo, bootstrap)
            : AccuracyBootstrap.Difference(PerVideo, other.PerVideo, bootstrap);
    }

    /// <summary>The <c>top1</c> of a step folder's results.json, or null when the step has not written one.</summary>
    public static double? Top1(string stepDirectory)
    {
        var path = Path.Combine(stepDirectory, EvaluationReport.ResultsFile);
        if (!File.Exists(path))
        {
            return null;
        }
        try
        {
            return JsonNode.Parse(File.ReadAllText(path))?["top1"] is JsonValue v && v.TryGetValue<double>(out var x) ? x : null;
        }
        catch (JsonException e)
        {
            throw new UserInputException($"{path}: invalid JSON ({e.Message})", e);
        }
    }
}
