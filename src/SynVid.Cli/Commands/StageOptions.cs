using System.CommandLine;
using SynVid.Synthesis;
using SynVid.Textures;

namespace SynVid.Cli.Commands;

/// <summary>The options that choose and adjust a generator stage, shared by generate, preview and bench generate.</summary>
internal sealed class StageOptions
{
    public Option<string> Stage { get; } = new("--stage")
    {
        Description = "Stage preset: " + string.Join(", ", Stages.Names) + ".",
    };

    public Option<int?> Res { get; } = new("--res") { Description = "Canvas side in pixels (default 256)." };

    public Option<long> Seed { get; } = new("--seed") { Description = "Dataset seed; video i is a pure function of (stage, seed, i).", DefaultValueFactory = _ => 0 };

    public Option<DirectoryInfo?> Images { get; } = new("--images")
    {
        Description = "Image folder (JPEG/PNG) used as the texture pool of textured stages, image backgrounds and static-image videos. " +
            "Without it, accelerating-textures and accelerating-stylegan use a built-in pool of 1,000 generated textures " +
            "(stat-spectrum_color_wmm, stylegan-oriented); accelerating-image-crops needs it.",
    };

    public Option<string[]> Set { get; } = new("--set")
    {
        Description = "Override a stage parameter, e.g. --set speedFactor=0.5 --set circleTransform=fullAffine (repeatable; names as in manifest.json).",
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>
    /// <c>--set</c> assignments that belong to another record sharing the option (pre-training's recipe fields), left
    /// out of the stage's overrides.
    /// </summary>
    public Func<string, bool> OwnedElsewhere { get; init; } = _ => false;

    public Option<FileInfo?> Config { get; } = new("--config") { Description = "JSON file of stage parameter overrides (applied before --set)." };

    public Option<StageProfile> Profile { get; } = new("--profile")
    {
        Description = "reference (default): reproduce the reference code's data, quirks included; corrected: follow the paper's prose (circles fully transformed, centre pivot, random crops).",
        DefaultValueFactory = _ => StageProfile.Reference,
    };

    public void AddTo(Command command, bool stageRequired = true)
    {
        Stage.Required = stageRequired;
        command.Add(Stage);
        command.Add(Res);
        command.Add(Seed);
        command.Add(Images);
        command.Add(Set);
        command.Add(Config);
        command.Add(Profile);
    }

    /// <summary>The stage named on the command line with every override applied.</summary>
    public StageParameters Resolve(ParseResult parse, string? stageName = null)
    {
        var stage = Stages.ByName(stageName ?? parse.GetValue(Stage)!);
        return Adjust(parse, stage);
    }

    /// <summary>Applies profile, config file, --set and --res to a preset.</summary>
    public StageParameters Adjust(ParseResult parse, StageParameters stage)
    {
        stage = StageProfiles.Apply(stage, parse.GetValue(Profile));
        if (parse.GetValue(Config) is { } config)
        {
            stage = StageOverrides.ApplyFile(stage, config.FullName);
        }
        if (parse.GetValue(Set)?.Where(p => !OwnedElsewhere(p)).ToArray() is { Length: > 0 } pairs)
        {
            stage = StageOverrides.ApplyPairs(stage, pairs);
        }
        if (parse.GetValue(Res) is { } res)
        {
            stage = stage with { Resolution = res };
        }
        return stage.Validated();
    }

    /// <summary>The texture source a stage needs, from --images; null when the stage needs none.</summary>
    public ITextureSource? Textures(ParseResult parse, StageParameters stage)
    {
        if (!stage.NeedsTextures)
        {
            return null;
        }
        if (parse.GetValue(Images) is { } images)
        {
            return TextureFolders.Open(images.FullName, stage.Resolution);
        }
        return BuiltInStageTextures.OpenPool(stage.Name, parse.GetValue(Seed))
            ?? throw new UserInputException($"stage '{stage.Name}' needs textures: give an image folder with --images DIR");
    }
}
