namespace SynVid.Training;

/// <summary>Named pre-training recipes.</summary>
public static class PretrainPresets
{
    /// <summary>The reference run (docs/reference-behaviour.md §5.1): ViT-B, 224², effective batch 192; needs a GPU.</summary>
    public static PretrainRecipe Paper { get; } = new() { Device = "cuda" };

    /// <summary>
    /// A few minutes on 2 CPU cores: ViT-Ti widths with 4 encoder blocks and 2 decoder blocks, 8 frames of 64²,
    /// batch 8. The lr is raised (lr_eff 1e-3 via base lr 0.032 at batch 8) so that a few hundred steps show learning;
    /// everything else is the reference's.
    /// </summary>
    public static PretrainRecipe CpuTiny { get; } = new()
    {
        Model = "tiny",
        EncoderDepth = 4,
        DecoderDepth = 2,
        Frames = 8,
        SamplingRate = 4,
        InputSize = 64,
        BatchSize = 8,
        Accumulation = 1,
        BaseLr = 1e-3 * 256 / 8,
        BaseMinLr = 1e-5 * 256 / 8,
        WarmupSteps = 20,
        TotalSteps = 300,
        CheckpointEvery = 100,
    };

    /// <summary>
    /// Up to half an hour on 2 CPU cores: ViT-S widths with 6 encoder blocks, 16 frames of 112², batch 8 (lr_eff 5e-4),
    /// 600 steps (3.5–4 clips/s measured on 2 cores: about 20–25 minutes).
    /// </summary>
    public static PretrainRecipe CpuSmall { get; } = new()
    {
        Model = "small",
        EncoderDepth = 6,
        DecoderDepth = 2,
        Frames = 16,
        SamplingRate = 4,
        InputSize = 112,
        BatchSize = 8,
        Accumulation = 1,
        BaseLr = 5e-4 * 256 / 8,
        BaseMinLr = 1e-5 * 256 / 8,
        WarmupSteps = 30,
        TotalSteps = 600,
        CheckpointEvery = 100,
    };

    /// <summary>
    /// The CPU setting calibrated to show pre-training help (docs/calibration.md): cpu-tiny's model at batch 64 (the
    /// throughput benchmark's best rate on 2 cores), lr_eff 1e-3 held constant after a 40-step warm-up, so that the
    /// checkpoint at step N is an N-step run and one run serves every budget of the scaling study; 750 steps (48,000
    /// clips, 80 epochs of synaction's 600 training videos; twice that fine-tuned no better in calibration).
    /// </summary>
    public static PretrainRecipe CpuProof { get; } = CpuTiny with
    {
        BatchSize = 64,
        BaseLr = 1e-3 * 256 / 64,
        BaseMinLr = 1e-3 * 256 / 64,
        WarmupSteps = 40,
        TotalSteps = 750,
        CheckpointEvery = 125,
    };

    /// <summary>Every preset by name.</summary>
    public static IReadOnlyDictionary<string, PretrainRecipe> All { get; } = new Dictionary<string, PretrainRecipe>
    {
        ["paper"] = Paper,
        ["cpu-tiny"] = CpuTiny,
        ["cpu-small"] = CpuSmall,
        ["cpu-proof"] = CpuProof,
    };

    /// <summary>Looks a preset up by name; throws a <see cref="UserInputException"/> listing the names.</summary>
    public static PretrainRecipe Parse(string name) =>
        All.TryGetValue(name.Trim(), out var recipe)
            ? recipe
            : throw new UserInputException($"unknown preset '{name}'; known: {string.Join(", ", All.Keys)}");
}
