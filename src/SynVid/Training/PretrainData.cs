using System.Text.Json;
using SynVid.Datasets;
using SynVid.Synthesis;
using SynVid.Textures;

namespace SynVid.Training;

/// <summary>Opens the clip source a run config names (so a resumed run trains on exactly the same data).</summary>
public static class PretrainData
{
    /// <summary>The config of a new run on a generator stage (parameters stored in full).</summary>
    public static PretrainRunConfig ForStage(PretrainRecipe recipe, StageParameters stage, string? images, string? preset) =>
        PretrainRunConfig.Create(recipe, "stage:" + stage.Name, preset) with
        {
            StageParameters = StageOverrides.ToJson(stage),
            Images = images is null ? null : Path.GetFullPath(images),
        };

    /// <summary>Builds the source; the caller disposes it when it is <see cref="IDisposable"/>.</summary>
    public static IPretrainClipSource Open(PretrainRunConfig config)
    {
        var recipe = config.Recipe;
        if (config.Data.StartsWith("stage:", StringComparison.Ordinal))
        {
            var stage = config.StageParameters is { } json
                ? JsonSerializer.Deserialize<StageParameters>(json, StageOverrides.Json) ?? throw new UserInputException("run config: empty stage parameters")
                : Stages.ByName(config.Data["stage:".Length..]);
            stage = stage.Validated();
            ITextureSource? textures = null;
            if (stage.NeedsTextures)
            {
                textures = config.Images is { } folder
                    ? new ImageFolderTextureSource(folder, stage.Resolution)
                    : BuiltInStageTextures.OpenPool(stage.Name, recipe.Seed)
                        ?? throw new UserInputException($"stage '{stage.Name}' needs textures: give an image folder with --images DIR");
            }
            var clips = new ClipSampling { Frames = recipe.Frames, Stride = recipe.SamplingRate, EpochSize = recipe.EpochSize };
            return new GeneratedClipSource(new OnTheFlyClipSource(stage, textures, recipe.Seed, clips));
        }
        throw new UserInputException($"unknown data source '{config.Data}' (expected stage:NAME)");
    }
}
