using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SynVid.Analysis.Metrics;
using SynVid.Serialization;
using SynVid.Training;

namespace SynVid.Analysis.Progression;

/// <summary>
/// The scaling study: the fine-tuning gaps of <see cref="ScalingGap.Default"/> against the pre-training budget, with
/// paired bootstrap intervals over the test videos (both arms tested on the same videos, so a resample draws them once),
/// written as scaling.csv, scaling.md and scaling.png (gap against pre-training clips on a log axis). The budgets come
/// either from several progression folders that differ in the pre-training length (e.g. <c>--set pretrain_steps=N</c>),
/// or from one folder whose preset names <see cref="ProgressionPreset.ScalingSteps"/> (its finetune-at-N steps, and its
/// full-length finetune step as the last budget).
/// </summary>
public static partial class ProgressionScaling
{
    /// <summary>The table's file name.</summary>
    public const string CsvFile = "scaling.csv";

    /// <summary>The report's file name.</summary>
    public const string MarkdownFile = "scaling.md";

    /// <summary>The plot's file name.</summary>
    public const string PlotFile = "scaling.png";

    /// <summary>Reads every folder; they must share the downstream dataset. Points come sorted by pre-training clips.</summary>
    public static IReadOnlyList<ScalingPoint> Load(IReadOnlyList<string> directories, IReadOnlyList<ScalingGap>? gaps = null, BootstrapOptions? bootstrap = null)
    {
        ArgumentNullException.ThrowIfNull(directories);
        if (directories.Count == 1 && HasBudgetSteps(directories[0]))
        {
            return Budgets(directories[0], gaps, bootstrap);
        }
        if (directories.Count < 2)
        {
            throw new UserInputException($"a scaling study needs at least 2 progression folders, or one run with --set scaling_steps=[…], got {directories.Count}");
        }
        var points = new List<ScalingPoint>();
        string? downstream = null;
        foreach (var dir in directories)
        {
            var plan = ReadPlan(dir);
            var data = plan["downstream"]?.ToString() ?? throw new UserInputException($"{dir}: {ProgressionRunner.PlanFile} names no downstream dataset");
            if (downstream is not null && data != downstream)
            {
                throw new UserInputException($"{dir} fine-tunes on '{data}', {directories[0]} on '{downstream}': a scaling study compares one downstream dataset");
            }
            downstream = data;
            points.Add(Load(dir, plan, gaps ?? ScalingGap.Default, bootstrap));
        }
        return [.. points.OrderBy(p => p.PretrainClips).ThenBy(p => p.Run, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The budgets of one progression folder with scaling steps: for each pre-training step N of a finetune-at-N folder,
    /// and for the full length, the gaps between seed-0 fine-tunings (finetune-at-N, or finetune at the full length; the
    /// scratch arm's finetune at every budget). Budgets where no gap has finished yet are left out.
    /// </summary>
    public static IReadOnlyList<ScalingPoint> Budgets(string directory, IReadOnlyList<ScalingGap>? gaps = null, BootstrapOptions? bootstrap = null)
    {
        gaps ??= ScalingGap.Default;
        var plan = ReadPlan(directory);
        var full = Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar);
        var arms = Arms(plan);
        var recipes = PretrainRecipes(directory, full, arms);
        var total = recipes[0].TotalSteps;
        var batch = recipes[0].TotalBatch;
        var budgets = arms
            .SelectMany(a => Directory.Exists(Path.Combine(full, a)) ? Directory.EnumerateDirectories(Path.Combine(full, a)) : [])
            .Select(d => BudgetFolder().Match(Path.GetFileName(d)))
            .Where(m => m.Success)
            .Select(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))
            .Append(total)
            .Distinct()
            .Order();
        var seed = plan["seed"] is JsonValue s && s.TryGetValue<int>(out var v) ? v : 0;
        var points = new List<ScalingPoint>();
        foreach (var budget in budgets)
        {
            string Step(string arm) => arm == PaperResults.Scratch || budget == total ? ProgressionRunner.FineTune : ProgressionRunner.ScalingStep(budget);
            var found = new Dictionary<string, AccuracyInterval>();
            foreach (var gap in gaps)
            {
                if (Difference([Path.Combine(full, gap.Better, Step(gap.Better))], [Path.Combine(full, gap.Worse, Step(gap.Worse))], bootstrap) is { } d)
                {
                    found[gap.Key] = d;
                }
            }
            if (found.Count > 0)
            {
                points.Add(new ScalingPoint(Path.GetFileName(full), full, plan["preset"]?.ToString() ?? "?", seed, budget, budget * batch, found) { SeedZeroRuns = true });
            }
        }
        return points;
    }

    private static bool HasBudgetSteps(string directory) =>
        Directory.Exists(directory)
        && Directory.EnumerateDirectories(directory).SelectMany(Directory.EnumerateDirectories).Any(d => BudgetFolder().IsMatch(Path.GetFileName(d)));

    /// <summary>The fine-tuning step folders of an arm folder that hold a result: finetune, finetune-s1, … in seed order.</summary>
    public static IReadOnlyList<string> FineTuneSteps(string armDirectory)
    {
        if (!Directory.Exists(armDirectory))
        {
            return [];
        }
        return [.. Directory.EnumerateDirectories(armDirectory)
            .Select(d => (Dir: d, Match: FineTuneFolder().Match(Path.GetFileName(d))))
            .Where(x => x.Match.Success)
            .OrderBy(x => x.Match.Groups[1].Success ? int.Parse(x.Match.Groups[1].Value, CultureInfo.InvariantCulture) : 0)
            .Select(x => x.Dir)];
    }

    /// <summary>Writes scaling.csv, scaling.md and scaling.png into <paramref name="directory"/>.</summary>
    public static void Write(string directory, IReadOnlyList<ScalingPoint> points, IReadOnlyList<ScalingGap>? gaps = null, BootstrapOptions? bootstrap = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        gaps ??= ScalingGap.Default;
        bootstrap ??= new BootstrapOptions();
        Directory.CreateDirectory(directory);
        var csv = new StringBuilder("run,preset,seed,pretrain_steps,pretrain_clips,gap,gap_top1,gap_ci_lo,gap_ci_hi,test_videos\n");
        foreach (var p in points)
        {
            foreach (var gap in gaps)
            {
                if (p.Gaps.TryGetValue(gap.Key, out var g))
                {
                    csv.Append(CultureInfo.InvariantCulture,
                        $"{p.Run},{p.Preset},{p.Seed},{p.PretrainSteps},{p.PretrainClips},{gap.Key},{g.Value:G6},{g.Low:G6},{g.High:G6},{g.Videos}\n");
                }
            }
        }
        AtomicFile.WriteAllText(Path.Combine(directory, CsvFile), csv.ToString());
        ProgressionCharts.Scaling(Path.Combine(directory, PlotFile), points, gaps);
        AtomicFile.WriteAllText(Path.Combine(directory, MarkdownFile), Markdown(points, gaps, bootstrap));
    }

    /// <summary>The study as Markdown: one row per folder, one column per gap, and the plot.</summary>
    public static string Markdown(IReadOnlyList<ScalingPoint> points, IReadOnlyList<ScalingGap> gaps, BootstrapOptions bootstrap)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(gaps);
        ArgumentNullException.ThrowIfNull(bootstrap);
        var md = new StringBuilder("# Fine-tuning gaps against the pre-training budget\n\n");
        var runs = points.Any(p => p.SeedZeroRuns)
            ? "seed-0 fine-tunings from each budget's checkpoint, against scratch's seed-0 fine-tuning"
            : "mean over each arm's fine-tuning runs";
        md.Append(CultureInfo.InvariantCulture,
            $"Top-1 differences in percentage points ({runs}) with 95% paired percentile-bootstrap intervals over the test videos ({bootstrap.Resamples} resamples, seed {bootstrap.Seed}).\n\n");
        md.Append("| run | preset | seed | pre-training steps | pre-training clips | ")
            .Append(string.Join(" | ", gaps.Select(g => g.Label + " [95% CI]"))).Append(" |\n|");
        md.Append(string.Concat(Enumerable.Repeat("---|", 5 + gaps.Count))).Append('\n');
        foreach (var p in points)
        {
            md.Append(CultureInfo.InvariantCulture, $"| {p.Run} | {p.Preset} | {p.Seed} | {p.PretrainSteps:N0} | {p.PretrainClips:N0} | ");
            md.Append(string.Join(" | ", gaps.Select(g => p.Gaps.TryGetValue(g.Key, out var v)
                ? string.Create(CultureInfo.InvariantCulture, $"{v.Value:+0.0;-0.0;0.0} [{v.Low:F1}, {v.High:F1}]")
                : "–")));
            md.Append(" |\n");
        }
        md.Append('\n').Append($"![gaps against pre-training clips]({PlotFile})\n");
        return md.ToString();
    }

    private static ScalingPoint Load(string directory, JsonObject plan, IReadOnlyList<ScalingGap> gaps, BootstrapOptions? bootstrap)
    {
        var full = Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar);
        var budgets = PretrainRecipes(directory, full, Arms(plan))
            .Select(r => (Steps: r.TotalSteps, Clips: r.TotalSteps * r.TotalBatch))
            .Distinct()
            .ToList();
        if (budgets.Count > 1)
        {
            throw new UserInputException($"{directory}: its arms pre-train for different budgets ({string.Join(", ", budgets.Select(b => $"{b.Steps} steps"))})");
        }
        var found = new Dictionary<string, AccuracyInterval>();
        foreach (var gap in gaps)
        {
            if (Difference(FineTuneSteps(Path.Combine(full, gap.Better)), FineTuneSteps(Path.Combine(full, gap.Worse)), bootstrap) is { } d)
            {
                found[gap.Key] = d;
            }
        }
        var seed = plan["seed"] is JsonValue s && s.TryGetValue<int>(out var v) ? v : 0;
        return new ScalingPoint(Path.GetFileName(full), full, plan["preset"]?.ToString() ?? "?", seed, budgets[0].Steps, budgets[0].Clips, found);
    }

    private static string[] Arms(JsonObject plan) => plan["arms"] is JsonArray list ? [.. list.Select(a => a?.ToString() ?? "")] : [];

    // the recipes of the arms that have started pre-training; at least one
    private static List<PretrainRecipe> PretrainRecipes(string directory, string full, IEnumerable<string> arms)
    {
        var recipes = arms
            .Select(a => Path.Combine(full, a, "pretrain"))
            .Where(d => File.Exists(Path.Combine(d, PretrainRunConfig.FileName)))
            .Select(d => PretrainRunConfig.Load(d).Recipe)
            .ToList();
        return recipes.Count > 0
            ? recipes
            : throw new UserInputException($"{directory}: no arm has started pre-training (no ARM/pretrain/{PretrainRunConfig.FileName})");
    }

    // better − worse over their finished runs; paired when both tested the same videos. Null until both have a result.
    private static AccuracyInterval? Difference(IEnumerable<string> betterSteps, IEnumerable<string> worseSteps, BootstrapOptions? bootstrap)
    {
        var better = ArmAccuracy.Read(betterSteps, bootstrap);
        var worse = ArmAccuracy.Read(worseSteps, bootstrap);
        return better is null || worse is null ? null : better.Minus(worse, bootstrap);
    }

    /// <summary>A progression folder's progression.json; a missing or malformed one is a user error naming it.</summary>
    internal static JsonObject ReadPlan(string directory)
    {
        var path = Path.Combine(directory, ProgressionRunner.PlanFile);
        if (!File.Exists(path))
        {
            throw new UserInputException($"{directory} is not a progression folder (no {ProgressionRunner.PlanFile})");
        }
        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new UserInputException($"{path}: not a JSON object");
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new UserInputException($"{path}: invalid JSON ({e.Message})", e);
        }
    }

    [GeneratedRegex(@"^finetune(?:-s(\d+))?$")]
    private static partial Regex FineTuneFolder();

    [GeneratedRegex(@"^finetune-at-(\d+)$")]
    private static partial Regex BudgetFolder();
}
