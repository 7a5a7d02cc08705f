using SynVid.Synthesis;
using SynVid.Training;

namespace SynVid.Analysis.Progression;

/// <summary>
/// How big every step of a progression is (docs/reference-behaviour.md §1.2, §5, §7): the named pre-training and fine-tuning recipes
/// (<see cref="PretrainPresets"/>, <see cref="FineTunePresets"/>) with the few lengths a progression shortens, the
/// dataset-analysis sample sizes and extractor, and the arms run by default. Named presets: <see cref="ProgressionPresets"/>.
/// </summary>
public sealed record ProgressionPreset
{
    /// <summary>Preset name (labels the report).</summary>
    public required string Name { get; init; }

    /// <summary>The downstream dataset used when <c>--downstream</c> is not given (null: it must be given).</summary>
    public string? Downstream { get; init; }

    /// <summary>Pre-training recipe by <see cref="PretrainPresets"/> name.</summary>
    public required string PretrainPreset { get; init; }

    /// <summary>
    /// Pre-training steps per arm (null: the recipe's schedule length). The warm-up keeps the recipe's share of the
    /// schedule.
    /// </summary>
    public long? PretrainSteps { get; init; }

    /// <summary>Fine-tuning recipe by <see cref="FineTunePresets"/> name; the linear probe derives from it (§5.4, §9).</summary>
    public required string FineTunePreset { get; init; }

    /// <summary>Fine-tuning epochs (null: the recipe's); the warm-up is capped at it.</summary>
    public int? FineTuneEpochs { get; init; }

    /// <summary>Linear-probe epochs (null: the fine-tuning recipe's).</summary>
    public int? LinearProbeEpochs { get; init; }

    /// <summary>
    /// Validate the linear probe every N epochs and after the last (the reference script: every 10, docs/reference-behaviour.md §5.4);
    /// the number the table reports is the multi-view test.
    /// </summary>
    public int LinearProbeValidateEvery { get; init; } = 10;

    /// <summary>Whether the linear probe trains on cached features (one deterministic view per video; docs/downstream.md).</summary>
    public bool LinearProbeCachedFeatures { get; init; } = true;

    /// <summary>
    /// Fine-tuning runs per arm, with seeds seed, seed + 1, …, each in its own step folder (finetune, finetune-s1, …); the
    /// table reports their mean ± s.d. and a bootstrap interval over test videos. The paper reports one run; 1 keeps
    /// earlier progression folders valid.
    /// </summary>
    public int FineTuneSeeds { get; init; } = 1;

    /// <summary>Whether each arm runs the k-NN probe (<see cref="KnnProbeRecipe"/>) on the frozen encoder's cached clip embeddings.</summary>
    public bool KnnProbe { get; init; } = true;

    /// <summary>Neighbours of the k-NN probe (null: <see cref="KnnProbeRecipe.Neighbours"/>).</summary>
    public int? KnnNeighbours { get; init; }

    /// <summary>Vote temperature of the k-NN probe (null: <see cref="KnnProbeRecipe.Temperature"/>).</summary>
    public double? KnnTemperature { get; init; }

    /// <summary>
    /// Whether each arm runs the attentive probe (<see cref="AttentiveProbeRecipe"/>) on the frozen encoder's cached patch
    /// tokens; they are held in memory, (training videos + test views) × tokens × width floats.
    /// </summary>
    public bool AttentiveProbe { get; init; } = true;

    /// <summary>Attentive-probe epochs (null: <see cref="AttentiveProbeRecipe.Epochs"/>).</summary>
    public int? AttentiveProbeEpochs { get; init; }

    /// <summary>Attentive-probe peak learning rate (null: <see cref="AttentiveProbeRecipe.LearningRate"/>).</summary>
    public double? AttentiveProbeLearningRate { get; init; }

    /// <summary>
    /// Whether the scratch arm also runs the pixel baseline (<see cref="Training.PixelBaseline"/>: a logistic regression on
    /// the temporal standard deviation of grey frames), the floor the report shows beside the arms.
    /// </summary>
    public bool PixelBaseline { get; init; } = true;

    /// <summary>Whether each stage arm runs the analysis step (the dataset metrics below); off where a short run needs only the accuracies.</summary>
    public bool AnalyseStages { get; init; } = true;

    /// <summary>Random frames per dataset for FID, KID, spectrum slope and colour (§7: 10k).</summary>
    public int AnalysisFrames { get; init; } = 10000;

    /// <summary>Random videos per dataset for diversity and FVD (§7: 1,000).</summary>
    public int AnalysisVideos { get; init; } = 1000;

    /// <summary>Feature extractor of the dataset metrics (<see cref="Features.FeatureExtractors.Forms"/>).</summary>
    public string Features { get; init; } = "random:0";

    /// <summary>Device of the feature extractor (cpu, cuda, auto).</summary>
    public string AnalysisDevice { get; init; } = "cpu";

    /// <summary>
    /// Built-in texture pool size of the textured stages (null: <see cref="Textures.BuiltInStageTextures.DefaultPoolSize"/>);
    /// a small pool keeps short CPU runs from spending their time generating textures.
    /// </summary>
    public int? TexturePoolSize { get; init; }

    /// <summary>Canvas side of the generated stages (null: the stage's, 256² §2.1).</summary>
    public int? StageResolution { get; init; }

    /// <summary>
    /// Pre-training budgets (steps, each below the run's length and past its warm-up) of the scaling study: the arms the
    /// gaps of <see cref="ScalingGap.Default"/> compare keep their checkpoint at each of these steps and fine-tune from it
    /// once (seed = the progression's), in step folders finetune-at-N. Needs a learning rate that is constant after the
    /// warm-up (pretrain.base_min_lr = pretrain.base_lr), so the checkpoint at step N has been trained exactly as an N-step
    /// run would be and one run per arm yields every budget. Empty: no scaling study.
    /// </summary>
    public IReadOnlyList<long> ScalingSteps { get; init; } = [];

    /// <summary>Stages run when none are named, in progression order.</summary>
    public IReadOnlyList<string> DefaultStages { get; init; } = Stages.Names;

    /// <summary>Whether the in-domain arm (pre-training on the downstream training split, the paper's upper bound) runs by default.</summary>
    public bool InDomainByDefault { get; init; } = true;

    /// <summary>A pre-training recipe given in full (custom set-ups, tests); it replaces the <see cref="PretrainPreset"/> lookup.</summary>
    public PretrainRecipe? PretrainRecipe { get; init; }

    /// <summary>A fine-tuning recipe given in full; it replaces the <see cref="FineTunePreset"/> lookup.</summary>
    public FineTuneRecipe? FineTuneRecipe { get; init; }

    /// <summary>The pre-training recipe of every arm, with the progression's length and seed.</summary>
    public PretrainRecipe Pretrain(int seed)
    {
        var recipe = PretrainRecipe ?? PretrainPresets.Parse(PretrainPreset);
        if (PretrainSteps is { } steps)
        {
            if (steps < 1)
            {
                throw new UserInputException($"progression preset '{Name}': pre-training steps must be positive, got {steps}");
            }
            // keep the recipe's warm-up share of the schedule
            var warmup = Math.Max(1, (long)Math.Round((double)recipe.WarmupSteps * steps / recipe.TotalSteps));
            recipe = recipe with { TotalSteps = steps, WarmupSteps = Math.Min(warmup, steps), CheckpointEvery = (int)Math.Min(recipe.CheckpointEvery, steps) };
        }
        return recipe with { Seed = seed };
    }

    /// <summary>The fine-tuning recipe of every arm.</summary>
    public FineTuneRecipe FineTune(int seed)
    {
        var recipe = FineTuneRecipe ?? FineTunePresets.Parse(FineTunePreset);
        if (FineTuneEpochs is { } epochs)
        {
            recipe = recipe with { Epochs = epochs, WarmupEpochs = Math.Min(recipe.WarmupEpochs, epochs) };
        }
        return recipe with { Seed = seed };
    }

    /// <summary>The linear-probe recipe of every arm (<see cref="FineTunePresets.LinearProbe"/> of the fine-tuning one).</summary>
    public FineTuneRecipe LinearProbe(int seed)
    {
        var recipe = FineTunePresets.LinearProbe(FineTune(seed)) with { ValidateEvery = LinearProbeValidateEvery };
        if (LinearProbeEpochs is { } epochs)
        {
            recipe = recipe with { Epochs = epochs, WarmupEpochs = Math.Min(recipe.WarmupEpochs, epochs) };
        }
        return recipe;
    }

    /// <summary>The seed of fine-tuning run <paramref name="run"/> (0-based) of a progression seeded <paramref name="seed"/>.</summary>
    public static int FineTuneSeed(int seed, int run) => seed + run;

    /// <summary>The k-NN probe of every arm.</summary>
    public KnnProbeRecipe KnnRecipe()
    {
        var recipe = new KnnProbeRecipe();
        return (recipe with
        {
            Neighbours = KnnNeighbours ?? recipe.Neighbours,
            Temperature = KnnTemperature ?? recipe.Temperature,
        }).Validated();
    }

    /// <summary>The attentive probe of every arm.</summary>
    public AttentiveProbeRecipe AttentiveRecipe(int seed)
    {
        var recipe = new AttentiveProbeRecipe();
        var epochs = AttentiveProbeEpochs ?? recipe.Epochs;
        return (recipe with
        {
            Epochs = epochs,
            WarmupEpochs = Math.Min(recipe.WarmupEpochs, Math.Max(epochs, 0)),
            LearningRate = AttentiveProbeLearningRate ?? recipe.LearningRate,
            Seed = seed,
        }).Validated();
    }

    /// <summary>Throws a <see cref="UserInputException"/> for a field out of range, before any step runs.</summary>
    public ProgressionPreset Validated()
    {
        if (FineTuneSeeds < 1)
        {
            throw new UserInputException($"progression preset '{Name}': fine_tune_seeds must be at least 1, got {FineTuneSeeds}");
        }
        KnnRecipe();
        AttentiveRecipe(0);
        if (ScalingSteps.Count > 0)
        {
            var recipe = Pretrain(0);
            if (recipe.BaseMinLr != recipe.BaseLr)
            {
                throw new UserInputException(
                    $"progression preset '{Name}': scaling_steps needs a learning rate that is constant after the warm-up (pretrain.base_min_lr = pretrain.base_lr, " +
                    $"got {recipe.BaseMinLr} and {recipe.BaseLr}), so that the checkpoint at step N is an N-step run");
            }
            foreach (var step in ScalingSteps)
            {
                if (step <= recipe.WarmupSteps || step >= recipe.TotalSteps)
                {
                    throw new UserInputException(
                        $"progression preset '{Name}': scaling step {step} must lie after the warm-up ({recipe.WarmupSteps} steps) and before the run's end ({recipe.TotalSteps} steps)");
                }
            }
            if (ScalingSteps.Distinct().Count() != ScalingSteps.Count)
            {
                throw new UserInputException($"progression preset '{Name}': scaling_steps lists a step twice ({string.Join(", ", ScalingSteps)})");
            }
        }
        return this;
    }

    /// <summary>Whether <paramref name="arm"/> fine-tunes from the <see cref="ScalingSteps"/> checkpoints: it pre-trains and a default gap compares it.</summary>
    public bool ScalesArm(ProgressionArm arm)
    {
        ArgumentNullException.ThrowIfNull(arm);
        return ScalingSteps.Count > 0 && arm.Pretrains && ScalingGap.Default.Any(g => g.Better == arm.Name || g.Worse == arm.Name);
    }

    /// <summary>The stage an arm pre-trains on, at the preset's resolution.</summary>
    public StageParameters Stage(string name)
    {
        var stage = Stages.ByName(name);
        return (StageResolution is { } res ? stage with { Resolution = res } : stage).Validated();
    }
}
