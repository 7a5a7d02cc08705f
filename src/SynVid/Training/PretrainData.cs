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

    /// <summary>The config of a new run on a video list, optionally mixed with a stage at a real-video fraction.</summary>
    public static PretrainRunConfig ForVideos(PretrainRecipe recipe, string csv, string onBadVideo, StageParameters? stage, double? realFraction, string? images, string? preset)
    {
        if (onBadVideo is not ("fail" or "skip"))
        {
            throw new UserInputException($"--on-bad-video must be fail or skip, got '{onBadVideo}'");
        }
        if (stage is null != realFraction is null)
        {
            throw new UserInputException("--mix R needs both --stage NAME and --data FILE.csv (R = fraction of real videos)");
        }
        if (realFraction is < 0 or > 1 || (realFraction is { } r && double.IsNaN(r)))
        {
            throw new UserInputException($"--mix must be a real-video fraction in [0, 1], got {realFraction}");
        }
        var full = Path.GetFullPath(csv);
        var config = stage is null
            ? PretrainRunConfig.Create(recipe, "csv:" + full, preset)
            : ForStage(recipe, stage, images, preset) with { Data = $"mix:{stage.Name}+csv:{full}@{realFraction}" };
        return config with { VideoList = full, RealFraction = realFraction, OnBadVideo = onBadVideo };
    }

    /// <summary>The config of a new run on the training split of a labelled dataset (labels ignored).</summary>
    public static PretrainRunConfig ForTrainSplit(PretrainRecipe recipe, string spec, string onBadVideo, string? preset)
    {
        if (onBadVideo is not ("fail" or "skip"))
        {
            throw new UserInputException($"--on-bad-video must be fail or skip, got '{onBadVideo}'");
        }
        // validate now, so a bad spec fails before the run folder is written
        Datasets.Specs.DatasetSpec.Parse(spec);
        return PretrainRunConfig.Create(recipe, "train-split:" + spec, preset) with { TrainSplit = spec, OnBadVideo = onBadVideo };
    }

    /// <summary>Builds the source; the caller disposes it when it is <see cref="IDisposable"/>.</summary>
    public static IPretrainClipSource Open(PretrainRunConfig config)
    {
        var recipe = config.Recipe;
        if (config.TrainSplit is { } spec)
        {
            var policy = config.OnBadVideo == "skip" ? Datasets.Specs.BadVideoPolicy.Skip : Datasets.Specs.BadVideoPolicy.Fail;
            var data = Datasets.Downstream.DownstreamData.Open(Datasets.Specs.DatasetSpec.Parse(spec),
                new Datasets.Downstream.DownstreamDataOptions(ClipLength: recipe.Frames, Stride: recipe.SamplingRate, OnBadVideo: policy,
                    Splits: Datasets.Specs.SplitNames.Of(Datasets.Specs.SplitNames.Train)));
            var sampling = new ClipSampling { Frames = recipe.Frames, Stride = recipe.SamplingRate, EpochSize = recipe.EpochSize };
            return new Datasets.Downstream.LabeledVideoClipSource(
                $"{data.Splits.Name}, training split ({data.Splits.Train.Count} videos)", data.Splits.Train, data.Reader, sampling, recipe.Seed,
                policy, data.SkippedIn(Datasets.Specs.SplitNames.Of(Datasets.Specs.SplitNames.Train)));
        }
        if (config.VideoList is { } csv)
        {
            var policy = config.OnBadVideo == "skip" ? Datasets.Specs.BadVideoPolicy.Skip : Datasets.Specs.BadVideoPolicy.Fail;
            var sampling = new ClipSampling { Frames = recipe.Frames, Stride = recipe.SamplingRate, EpochSize = recipe.EpochSize };
            var videos = new VideoFileClipSource(csv, sampling, recipe.Seed, policy);
            if (config.RealFraction is not { } fraction)
            {
                return videos;
            }
            var synthetic = OpenStage(config with { VideoList = null, RealFraction = null });
            return new MixedClipSource(synthetic, videos, fraction, recipe.EpochSize, recipe.Seed);
        }
        return OpenStage(config);
    }

    private static IPretrainClipSource OpenStage(PretrainRunConfig config)
    {
        var recipe = config.Recipe;
        if (config.StageParameters is not null || config.Data.StartsWith("stage:", StringComparison.Ordinal))
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
                    : BuiltInStageTextures.OpenPool(stage.Name, recipe.Seed, config.TexturePoolSize ?? BuiltInStageTextures.DefaultPoolSize)
                        ?? throw new UserInputException($"stage '{stage.Name}' needs textures: give an image folder with --images DIR");
            }
            var clips = new ClipSampling { Frames = recipe.Frames, Stride = recipe.SamplingRate, EpochSize = recipe.EpochSize };
            return new GeneratedClipSource(new OnTheFlyClipSource(stage, textures, recipe.Seed, clips));
        }
        throw new UserInputException($"unknown data source '{config.Data}' (expected a stage or a video list)");
    }
}
