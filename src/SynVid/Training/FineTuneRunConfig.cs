using System.Text.Json;
using System.Text.Json.Serialization;
using SynVid.Runtime;
using SynVid.Serialization;

namespace SynVid.Training;

/// <summary>Fine-tuning all weights or training a linear probe on a frozen encoder.</summary>
public enum DownstreamMode
{
    /// <summary>Every weight trains (docs/reference-behaviour.md §5.3).</summary>
    FineTune,

    /// <summary>Only BatchNorm + Linear on the frozen encoder's pooled features train (§5.4).</summary>
    LinearProbe,
}

/// <summary>
/// What a fine-tuning or linear-probe run folder's <c>config.json</c> holds, so that <c>--resume</c> continues the same
/// run: the resolved recipe, the dataset spec, the initial checkpoint (a path or <c>none</c>), the mode and the version.
/// </summary>
/// <param name="Recipe">The resolved recipe (model size from the checkpoint, stride from the dataset).</param>
/// <param name="Data">The dataset spec as given (<c>synaction</c>, <c>ucf101:ROOT</c>, <c>motion:DIR:arrow</c>, …).</param>
/// <param name="Checkpoint">Absolute path of the initial weights, or <c>none</c> (random init, the scratch baseline).</param>
/// <param name="Mode">Fine-tuning or linear probe.</param>
/// <param name="Preset">The preset the recipe started from.</param>
/// <param name="SynVidVersion">The version that created the run.</param>
public sealed record FineTuneRunConfig(FineTuneRecipe Recipe, string Data, string Checkpoint, DownstreamMode Mode, string? Preset, string SynVidVersion)
{
    /// <summary>Linear probe only: train the head on features computed once per training video (deterministic views).</summary>
    public bool CacheFeatures { get; init; }

    /// <summary>What to do with missing or unreadable listed videos: fail (default) or skip.</summary>
    public string OnBadVideo { get; init; } = "fail";

    /// <summary>Class names of the dataset, in label order (filled in when the data is opened).</summary>
    public IReadOnlyList<string> ClassNames { get; init; } = [];

    /// <summary>File name inside the run folder.</summary>
    public const string FileName = "config.json";

    /// <summary>Value of <see cref="Checkpoint"/> for random initialisation.</summary>
    public const string NoCheckpoint = "none";

    private static readonly JsonSerializerOptions _jsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    /// <summary>A config for a new run with the current SynVid version.</summary>
    public static FineTuneRunConfig Create(FineTuneRecipe recipe, string data, string checkpoint, DownstreamMode mode, string? preset) =>
        new(recipe, data, checkpoint, mode, preset, BuildInfo.Version);

    /// <summary>Writes <c>config.json</c> atomically.</summary>
    public void Save(string runDirectory)
    {
        Directory.CreateDirectory(runDirectory);
        AtomicFile.WriteAllText(Path.Combine(runDirectory, FileName), JsonSerializer.Serialize(this, _jsonOptions));
    }

    /// <summary>Whether <paramref name="runDirectory"/> holds a run config.</summary>
    public static bool Exists(string runDirectory) => File.Exists(Path.Combine(runDirectory, FileName));

    /// <summary>Reads a run folder's config; a missing or malformed file is a user error naming it.</summary>
    public static FineTuneRunConfig Load(string runDirectory)
    {
        var path = Path.Combine(runDirectory, FileName);
        if (!File.Exists(path))
        {
            throw new UserInputException($"{path} not found: '{runDirectory}' is not a SynVid fine-tuning or linear-probe run folder");
        }
        try
        {
            return JsonSerializer.Deserialize<FineTuneRunConfig>(File.ReadAllText(path), _jsonOptions)
                ?? throw new UserInputException($"{path}: empty config");
        }
        catch (JsonException e)
        {
            throw new UserInputException($"{path}: malformed config ({e.Message})");
        }
    }

    /// <summary>
    /// The checkpoint's <c>args</c>: the reference's names for what a loader needs to rebuild the classifier and its
    /// input (model, depth, num_frames, input_size, sampling_rate, nb_classes, tubelet_size, patch_size), plus the
    /// class names, the data, the mode and the version.
    /// </summary>
    public IReadOnlyDictionary<string, object> Args(int stride, Model.ClassifierConfig model) => new Dictionary<string, object>
    {
        ["model"] = Recipe.Model,
        ["depth"] = model.Encoder.Depth,
        ["embed_dim"] = model.Encoder.EmbedDim,
        ["num_heads"] = model.Encoder.NumHeads,
        ["num_frames"] = Recipe.Frames,
        ["input_size"] = Recipe.InputSize,
        ["sampling_rate"] = stride,
        ["tubelet_size"] = Recipe.TubeletSize,
        ["patch_size"] = Recipe.PatchSize,
        ["nb_classes"] = model.NumClasses,
        ["class_names"] = ClassNames.ToList(),
        ["data"] = Data,
        ["init"] = Checkpoint,
        ["mode"] = Mode == DownstreamMode.FineTune ? "finetune" : "linprobe",
        ["synvid_version"] = SynVidVersion,
    };
}
