using System.Text.Json;

namespace SynVid.Serialization;

/// <summary>
/// The one check of an output folder (<c>--out</c>), made before any work: it must be creatable and writable, not a
/// file, and never the same as or inside an input dataset's folder. A folder that already holds something is
/// recognised: the same kind of output is continued where the command resumes, anything else is refused with one
/// line naming what is there, and <c>--force</c> replaces earlier SynVid output (never other files). Every problem
/// is a <see cref="UserInputException"/>.
/// </summary>
public static class OutputFolder
{
    /// <summary>What a command may find in its folder and still write there: the log of an earlier unexpected error.</summary>
    public const string ErrorLog = "error.log";

    private static readonly string[] _videoExtensions = [".mp4", ".avi", ".mkv", ".webm", ".mov", ".mpg", ".mpeg"];

    /// <summary>
    /// Checks <paramref name="path"/> as the output folder of a command writing <paramref name="kind"/> and returns
    /// its full path; the command creates it when it first writes, so a command that fails later leaves nothing. <paramref name="datasets"/> are the input folders of videos, lists or images, which
    /// the output may not be or lie in; <paramref name="otherInputs"/> are further input files and folders
    /// (checkpoints, run folders), which <paramref name="force"/> may not delete. Null entries are ignored. With
    /// <paramref name="continues"/> a folder of the same kind is continued (a rerun resumes it); otherwise it is
    /// refused, with <paramref name="sameKindHint"/> (e.g. "continue it with --resume DIR") in the message, unless
    /// <paramref name="force"/> replaces it.
    /// </summary>
    public static string Prepare(
        string path, OutputKind kind, bool force, IEnumerable<string?> datasets, IEnumerable<string?>? otherInputs = null,
        bool continues = false, string? sameKindHint = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(datasets);
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        if (File.Exists(full))
        {
            throw new UserInputException($"--out {full} is a file, not a folder");
        }
        var folders = FullPaths(datasets);
        var given = folders.Concat(FullPaths(otherInputs ?? [])).ToArray();
        RefuseInsideInput(full, folders);
        RequireWritable(full);
        if (Directory.Exists(full) && Directory.EnumerateFileSystemEntries(full).Any(e => Path.GetFileName(e) != ErrorLog))
        {
            var found = Identify(full);
            if (found.Kind is not { } existing)
            {
                throw new UserInputException($"--out {full} holds {found.Description}, not SynVid output; choose a new or empty folder");
            }
            if (existing == kind && continues)
            {
                return full;
            }
            if (!force)
            {
                var hint = existing == kind && sameKindHint is not null ? sameKindHint + ", or" : "choose another folder, or";
                throw new UserInputException($"--out {full} already holds {found.Description}; {hint} add --force to replace it");
            }
            if (given.FirstOrDefault(i => IsSameOrInside(i, full)) is { } input)
            {
                throw new UserInputException($"--out {full} holds the input {input}; --force would delete it, so choose another folder");
            }
            if (ForeignFile(full) is { } foreign)
            {
                throw new UserInputException(
                    $"--out {full} holds {found.Description} and also {Path.GetRelativePath(full, foreign)}, which SynVid did not write; --force replaces SynVid output only, so move it or choose another folder");
            }
            Clear(full);
        }
        return full;
    }

    /// <summary>
    /// What <paramref name="folder"/> holds, in words ("a pre-training run", "a video dataset (train.csv)", "3 files
    /// and folders SynVid did not write (e.g. notes.txt)"), and its kind when it is SynVid output.
    /// </summary>
    public static (OutputKind? Kind, string Description) Identify(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        bool Has(string name) => File.Exists(Path.Combine(folder, name));
        bool HasFolder(string name) => Directory.Exists(Path.Combine(folder, name));
        if (Has("config.json") && RunKind(Path.Combine(folder, "config.json")) is { } run)
        {
            return (run, Describe(run));
        }
        (OutputKind Kind, bool Present)[] signatures =
        [
            (OutputKind.Progression, Has("progression.json")),
            (OutputKind.Robustness, HasFolder("cells")),
            (OutputKind.PerturbedDataset, Has("manifest.json") && File.ReadAllText(Path.Combine(folder, "manifest.json")).Contains("synvid-perturbed-dataset", StringComparison.Ordinal)),
            (OutputKind.GeneratedDataset, Has("manifest.json") && (HasFolder("videos") || Directory.EnumerateFiles(folder, "annotations*.csv").Any())),
            (OutputKind.Evaluation, Has("results.json") && Has("predictions.csv")),
            (OutputKind.Analysis, Has("metrics.json")),
            (OutputKind.Correlation, Has("correlations.json")),
            (OutputKind.Textures, Has("textures.json")),
            (OutputKind.Attention, Has("attention_keys.png")),
            (OutputKind.Encoders, Has("encoders.json")),
        ];
        foreach (var (kind, present) in signatures)
        {
            if (present)
            {
                return (kind, Describe(kind));
            }
        }
        var entries = Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName).OfType<string>().Where(n => n != ErrorLog).Order(StringComparer.Ordinal).ToArray();
        var datasetMark = entries.FirstOrDefault(n => n is "train.csv" or "val.csv" or "test.csv" or "classes.txt" or "ucfTrainTestlist" or "testTrainMulti_7030_splits"
            || _videoExtensions.Contains(Path.GetExtension(n), StringComparer.OrdinalIgnoreCase));
        if (datasetMark is not null)
        {
            return (null, $"a video dataset ({datasetMark})");
        }
        return (null, $"{entries.Length} {(entries.Length == 1 ? "file or folder" : "files and folders")} that SynVid did not write (e.g. {entries.FirstOrDefault()})");
    }

    /// <summary>The kind in words, as messages name it.</summary>
    public static string Describe(OutputKind kind) => kind switch
    {
        OutputKind.PretrainRun => "a pre-training run",
        OutputKind.FineTuneRun => "a fine-tuning run",
        OutputKind.LinearProbeRun => "a linear-probe run",
        OutputKind.GeneratedDataset => "a generated dataset",
        OutputKind.PerturbedDataset => "a perturbed dataset",
        OutputKind.Evaluation => "evaluation results",
        OutputKind.Analysis => "dataset analysis results",
        OutputKind.Robustness => "robustness results",
        OutputKind.Progression => "a progression",
        OutputKind.Correlation => "correlation results",
        OutputKind.Textures => "textures",
        OutputKind.Attention => "an attention figure",
        OutputKind.Encoders => "pre-trained encoders",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Full paths without trailing separators, null entries dropped.</summary>
    internal static string[] FullPaths(IEnumerable<string?> paths) =>
        [.. paths.OfType<string>().Select(i => Path.TrimEndingDirectorySeparator(Path.GetFullPath(i)))];

    /// <summary>Refuses <paramref name="output"/> when it is one of <paramref name="inputs"/> or inside one of them.</summary>
    internal static void RefuseInsideInput(string output, IEnumerable<string> inputs)
    {
        foreach (var input in inputs)
        {
            if (Directory.Exists(input) && IsSameOrInside(output, input))
            {
                throw new UserInputException(output == input
                    ? $"--out {output} is the input {input} itself; write to another folder"
                    : $"--out {output} is inside the input {input}; write outside it");
            }
        }
    }

    /// <summary>
    /// Checks that <paramref name="path"/> can be created (no file on the way) and that its nearest existing folder
    /// accepts a new file.
    /// </summary>
    internal static void RequireWritable(string path, string? shown = null)
    {
        shown ??= path;
        var existing = path;
        while (!Directory.Exists(existing))
        {
            if (File.Exists(existing))
            {
                throw new UserInputException($"--out {shown} cannot be created: {existing} is a file, not a folder");
            }
            existing = Path.GetDirectoryName(existing) ?? throw new UserInputException($"--out {shown} cannot be created");
        }
        var probe = Path.Combine(existing, $".synvid-write-test-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            using var stream = new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // the exception's text names the probe file, which means nothing to the user
            throw new UserInputException($"--out {shown} is not writable: no file can be created in {existing}", e);
        }
    }

    /// <summary>Whether <paramref name="path"/> is <paramref name="folder"/> or lies below it (full, trimmed paths).</summary>
    internal static bool IsSameOrInside(string path, string folder) =>
        path == folder || path.StartsWith(folder.EndsWith(Path.DirectorySeparatorChar) ? folder : folder + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    // A SynVid run's config.json is an object with a "recipe"; fine-tuning and probing runs also name their "mode".
    // Any other config.json (a user's, another tool's) is not SynVid output, so --force never takes it for one.
    private static OutputKind? RunKind(string configPath)
    {
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllText(configPath));
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("recipe", out var recipe) || recipe.ValueKind != JsonValueKind.Object)
            {
                return null;
            }
            if (root.TryGetProperty("mode", out var mode))
            {
                return mode.ToString().Contains("probe", StringComparison.OrdinalIgnoreCase) ? OutputKind.LinearProbeRun : OutputKind.FineTuneRun;
            }
            return OutputKind.PretrainRun;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// The first file under <paramref name="folder"/> (recursively) whose name SynVid never writes, or null: --force
    /// deletes a folder's content only when every file in it could be SynVid's (its tables, figures, checkpoints,
    /// videos, lists, TensorBoard logs and atomic-write leftovers), so a user's notes or sources are never lost.
    /// </summary>
    public static string? ForeignFile(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        return Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .FirstOrDefault(f => !CouldBeSynVids(Path.GetFileName(f)));
    }

    private static readonly string[] _writtenExtensions = [".json", ".csv", ".png", ".pth", ".md", ".html", ".log", ".npy"];

    // the lists a perturbed dataset copies, and the checkpoint store's pointer to its newest checkpoint
    private static readonly string[] _writtenNames = ["classes.txt", "classInd.txt", "latest"];

    private static bool CouldBeSynVids(string name) =>
        _writtenExtensions.Contains(Path.GetExtension(name), StringComparer.Ordinal)
        || _videoExtensions.Contains(Path.GetExtension(name), StringComparer.OrdinalIgnoreCase)
        || _writtenNames.Contains(name, StringComparer.Ordinal)
        || name.StartsWith("events.out.tfevents.", StringComparison.Ordinal)
        || name.Contains(AtomicFile.Marker, StringComparison.Ordinal);

    private static void Clear(string folder)
    {
        foreach (var dir in Directory.EnumerateDirectories(folder))
        {
            Directory.Delete(dir, recursive: true);
        }
        foreach (var file in Directory.EnumerateFiles(folder))
        {
            File.Delete(file);
        }
    }
}
