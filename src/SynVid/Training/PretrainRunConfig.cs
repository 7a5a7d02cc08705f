using System.Text.Json;
using System.Text.Json.Serialization;
using SynVid.Runtime;
using SynVid.Serialization;

namespace SynVid.Training;

/// <summary>
/// What a run folder's <c>config.json</c> holds: the recipe, the data it trains on (a spec string such as
/// <c>stage:moving-shapes</c> or <c>csv:/data/list.csv</c>, resolved by the caller), and the SynVid version.
/// </summary>
/// <param name="Recipe">The resolved recipe.</param>
/// <param name="Data">The data spec.</param>
/// <param name="Preset">The preset the recipe started from, if any.</param>
/// <param name="SynVidVersion">The version that created the run.</param>
public sealed record PretrainRunConfig(PretrainRecipe Recipe, string Data, string? Preset, string SynVidVersion)
{
    /// <summary>For generated data: every stage parameter, as the generator's JSON (so a resume rebuilds the same stage).</summary>
    public string? StageParameters { get; init; }

    /// <summary>Image folder used as the texture pool, if any.</summary>
    public string? Images { get; init; }

    /// <summary>
    /// Size of the built-in texture pool of textured stages (null: <see cref="Textures.BuiltInStageTextures.DefaultPoolSize"/>);
    /// small pools make short CPU runs affordable.
    /// </summary>
    public int? TexturePoolSize { get; init; }

    /// <summary>VideoMAE-style csv of video files (<c>--data</c>), alone or mixed with the stage.</summary>
    public string? VideoList { get; init; }

    /// <summary>
    /// A labelled dataset spec (<c>synaction</c>, <c>ucf101:ROOT</c>, …) whose training split is the data, labels
    /// ignored (<c>--data SPEC</c>).
    /// </summary>
    public string? TrainSplit { get; init; }

    /// <summary>Fraction of real videos when a stage is mixed with <see cref="VideoList"/> (<c>--mix</c>).</summary>
    public double? RealFraction { get; init; }

    /// <summary>What to do with missing or unreadable listed videos: fail (default) or skip.</summary>
    public string OnBadVideo { get; init; } = "fail";

    /// <summary>File name inside the run folder.</summary>
    public const string FileName = "config.json";

    // the recipes' own JSON form, so that config.json and --set name fields and enum values alike
    private static JsonSerializerOptions _jsonOptions => RecipeOverrides.JsonOptions;

    /// <summary>A config for a new run with the current SynVid version.</summary>
    public static PretrainRunConfig Create(PretrainRecipe recipe, string data, string? preset) => new(recipe, data, preset, BuildInfo.Version);

    /// <summary>Writes <c>config.json</c> atomically.</summary>
    public void Save(string runDirectory)
    {
        Directory.CreateDirectory(runDirectory);
        AtomicFile.WriteAllText(Path.Combine(runDirectory, FileName), JsonSerializer.Serialize(this, _jsonOptions));
    }

    /// <summary>Reads a run folder's config; a missing or malformed file is a user error naming it.</summary>
    public static PretrainRunConfig Load(string runDirectory)
    {
        var path = Path.Combine(runDirectory, FileName);
        if (!File.Exists(path))
        {
            throw new UserInputException($"{path} not found: '{runDirectory}' is not a SynVid pre-training run folder");
        }
        try
        {
            return JsonSerializer.Deserialize<PretrainRunConfig>(File.ReadAllText(path), _jsonOptions)
                ?? throw new UserInputException($"{path}: empty config");
        }
        catch (JsonException e)
        {
            throw new UserInputException($"{path}: malformed config ({e.Message})");
        }
    }

    /// <summary>The recipe as flat key/value pairs (the checkpoint's <c>args</c>).</summary>
    public IReadOnlyDictionary<string, object> Args()
    {
        var args = new Dictionary<string, object> { ["data"] = Data, ["synvid_version"] = SynVidVersion };
        foreach (var property in typeof(PretrainRecipe).GetProperties())
        {
            var value = property.GetValue(Recipe);
            if (value is null)
            {
                continue;
            }
            args[JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name)] = value is Enum e ? e.ToString().ToLowerInvariant() : value;
        }
        return args;
    }
}
