using System.Globalization;
using SynVid.Evaluation.Perturbations;

namespace SynVid.Evaluation.Robustness;

/// <summary>A checkpoint under evaluation and the name it has in result files (its file name without extension).</summary>
/// <param name="Name">Unique name used in result files, charts and cell file names.</param>
/// <param name="Path">Absolute path of the checkpoint file.</param>
public sealed record NamedCheckpoint(string Name, string Path);

/// <summary>
/// One cell of the robustness grid: a checkpoint evaluated on the clean test set (<see cref="Perturbation"/> null,
/// severity 0) or under one perturbation type at one severity.
/// </summary>
/// <param name="Checkpoint">Which checkpoint.</param>
/// <param name="Perturbation">The perturbation, or null for the clean test set.</param>
/// <param name="Severity">Severity level (1-based), 0 for clean.</param>
public sealed record RobustnessCell(NamedCheckpoint Checkpoint, IPerturbation? Perturbation, int Severity)
{
    /// <summary>The type key of the clean test set in result files.</summary>
    public const string CleanKey = "clean";

    /// <summary>Whether this is the clean test set.</summary>
    public bool IsClean => Perturbation is null;

    /// <summary>Perturbation key, or <see cref="CleanKey"/>.</summary>
    public string TypeKey => Perturbation?.Key ?? CleanKey;

    /// <summary>File name of the cell's result in the cell store.</summary>
    public string FileName => string.Create(CultureInfo.InvariantCulture, $"{Checkpoint.Name}__{TypeKey}__s{Severity}.json");

    /// <inheritdoc />
    public override string ToString() => IsClean
        ? $"{Checkpoint.Name}: clean"
        : string.Create(CultureInfo.InvariantCulture, $"{Checkpoint.Name}: {TypeKey} s{Severity}");
}

/// <summary>
/// The grid of a robustness evaluation (docs/reference-behaviour.md §6): for every checkpoint the clean test set, then every chosen
/// perturbation type at every chosen severity the type has (static rotate's sixth level, 180°, only where asked).
/// </summary>
public sealed record RobustnessPlan
{
    /// <summary>The headline severity of charts and win counts (docs/reference-behaviour.md §9: 3, an unverified choice).</summary>
    public const int DefaultHeadlineSeverity = 3;

    /// <summary>Builds and validates a plan.</summary>
    /// <exception cref="UserInputException">No checkpoint or type, or a severity no chosen type has.</exception>
    public RobustnessPlan(
        IReadOnlyList<NamedCheckpoint> checkpoints, IReadOnlyList<IPerturbation> perturbations, IReadOnlyList<int> severities,
        int? headlineSeverity = null)
    {
        ArgumentNullException.ThrowIfNull(checkpoints);
        ArgumentNullException.ThrowIfNull(perturbations);
        ArgumentNullException.ThrowIfNull(severities);
        if (checkpoints.Count == 0)
        {
            throw new UserInputException("no checkpoint to evaluate (give --checkpoint FILE at least once)");
        }
        if (perturbations.Count == 0)
        {
            throw new UserInputException("no perturbation type chosen");
        }
        if (severities.Count == 0)
        {
            throw new UserInputException("no severity chosen");
        }
        var duplicate = checkpoints.GroupBy(c => c.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new UserInputException($"two checkpoints share the name '{duplicate.Key}'");
        }
        var maxLevel = perturbations.Max(p => p.SeverityCount);
        foreach (var s in severities)
        {
            if (s < 1 || s > maxLevel)
            {
                throw new UserInputException(
                    $"severity {s} is out of range: the chosen types have levels 1..{maxLevel} (static_rotate alone has 6)");
            }
        }
        Checkpoints = checkpoints;
        Severities = [.. severities.Distinct().Order()];
        // Types without any listed level (only static rotate has 6) are left out.
        Perturbations = [.. perturbations.Distinct().Where(p => Severities[0] <= p.SeverityCount)];
        if (headlineSeverity is { } h && !Severities.Contains(h))
        {
            throw new UserInputException(
                $"headline severity {h} is not among the evaluated severities {string.Join(",", Severities)}");
        }
        // Default: 3 where evaluated, else the evaluated level nearest to it.
        HeadlineSeverity = headlineSeverity
            ?? Severities.OrderBy(s => Math.Abs(s - DefaultHeadlineSeverity)).ThenBy(s => s).First();
    }

    /// <summary>Checkpoints in command-line order.</summary>
    public IReadOnlyList<NamedCheckpoint> Checkpoints { get; }

    /// <summary>Perturbation types in catalogue or command-line order, without repeats, each with at least one listed level.</summary>
    public IReadOnlyList<IPerturbation> Perturbations { get; }

    /// <summary>Severities, ascending, without repeats.</summary>
    public IReadOnlyList<int> Severities { get; }

    /// <summary>Severity of the headline bar chart and win counts.</summary>
    public int HeadlineSeverity { get; }

    /// <summary>The severities evaluated for <paramref name="perturbation"/>: the chosen ones it has.</summary>
    public IReadOnlyList<int> SeveritiesOf(IPerturbation perturbation) =>
        [.. Severities.Where(s => s <= perturbation.SeverityCount)];

    /// <summary>Every cell, checkpoint-major: clean first, then types in order, severities ascending.</summary>
    public IReadOnlyList<RobustnessCell> Cells =>
        [.. Checkpoints.SelectMany(c => new[] { new RobustnessCell(c, null, 0) }
            .Concat(Perturbations.SelectMany(p => SeveritiesOf(p).Select(s => new RobustnessCell(c, p, s)))))];

    /// <summary>
    /// Names checkpoints by <paramref name="labels"/> (e.g. the run folders the user named) or, without them, by their
    /// file name without extension; repeated names get "-2", "-3", ...; characters other than letters, digits, '.',
    /// '-' and '_' become '_' so the names are safe in file names.
    /// </summary>
    public static IReadOnlyList<NamedCheckpoint> NameCheckpoints(IReadOnlyList<string> paths, IReadOnlyList<string>? labels = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (labels is not null && labels.Count != paths.Count)
        {
            throw new ArgumentException($"{labels.Count} labels for {paths.Count} checkpoints", nameof(labels));
        }
        var used = new HashSet<string>(StringComparer.Ordinal);
        var named = new List<NamedCheckpoint>();
        for (var i = 0; i < paths.Count; i++)
        {
            var full = System.IO.Path.GetFullPath(paths[i]);
            var label = labels?[i] ?? System.IO.Path.GetFileNameWithoutExtension(full);
            var stem = new string([.. label.Select(ch => char.IsAsciiLetterOrDigit(ch) || ch is '.' or '-' or '_' ? ch : '_')]);
            if (stem.Length == 0)
            {
                stem = "checkpoint";
            }
            var name = stem;
            for (var k = 2; !used.Add(name); k++)
            {
                name = string.Create(CultureInfo.InvariantCulture, $"{stem}-{k}");
            }
            named.Add(new NamedCheckpoint(name, full));
        }
        return named;
    }

    /// <summary>
    /// Parses <c>all</c> (the whole catalogue, docs/reference-behaviour.md §6.2), <c>figure3</c> (the paper's 14 types) or a
    /// comma-separated list of keys or Figure 3 labels.
    /// </summary>
    public static IReadOnlyList<IPerturbation> ParsePerturbations(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            return PerturbationCatalog.All;
        }
        if (trimmed.Equals("figure3", StringComparison.OrdinalIgnoreCase))
        {
            return PerturbationCatalog.Figure3;
        }
        var names = trimmed.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (names.Length == 0)
        {
            throw new UserInputException($"--perturbations '{text}' names no type (use all, figure3 or a comma-separated list)");
        }
        return [.. names.Select(PerturbationCatalog.Find).Distinct()];
    }

    /// <summary>Parses a comma-separated list of severities and ranges, e.g. <c>1..5</c>, <c>1,3,5</c>, <c>1..5,6</c>.</summary>
    public static IReadOnlyList<int> ParseSeverities(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var levels = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var range = part.Split("..");
            if (range.Length == 2 && Level(range[0]) is { } from && Level(range[1]) is { } to && from <= to)
            {
                levels.AddRange(Enumerable.Range(from, to - from + 1));
            }
            else if (range.Length == 1 && Level(part) is { } level)
            {
                levels.Add(level);
            }
            else
            {
                throw new UserInputException($"--severities: cannot read '{part}' (expected e.g. 1..5, 3 or 1,3,5)");
            }
        }
        if (levels.Count == 0)
        {
            throw new UserInputException($"--severities '{text}' names no level");
        }
        return [.. levels.Distinct().Order()];

        static int? Level(string s) =>
            int.TryParse(s.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;
    }
}
