namespace SynVid.Training;

/// <summary>Named fine-tuning recipes; <see cref="LinearProbe"/> turns any of them into the linear-probe recipe.</summary>
public static class FineTunePresets
{
    /// <summary>UCF101 (docs/reference-behaviour.md §5.3, §9): ViT-B, 16 × 224², stride 4, 5 × 3 test views; needs a GPU.</summary>
    public static FineTuneRecipe PaperUcf101 { get; } = new() { Stride = 4, TestClips = 5, Device = "cuda" };

    /// <summary>HMDB51 (§5.3, the reference script): ViT-B, 16 × 224², stride 2, 10 × 3 test views; needs a GPU.</summary>
    public static FineTuneRecipe PaperHmdb51 { get; } = new() { Stride = 2, TestClips = 10, Device = "cuda" };

    /// <summary>
    /// The pre-training preset cpu-tiny's model (ViT-Ti widths, 4 blocks) and input (8 frames of 64²) on 2 CPU cores:
    /// 6 epochs of batch 8 videos × 2 copies (75 steps per epoch on the built-in benchmark's 600 training videos),
    /// lr_eff 1e-3 (base 0.032 at batch 8), 1 warm-up epoch, 2 × 3 test views; everything else is the reference recipe.
    /// </summary>
    public static FineTuneRecipe CpuTiny { get; } = new()
    {
        Model = "tiny",
        EncoderDepth = 4,
        Frames = 8,
        InputSize = 64,
        Epochs = 6,
        WarmupEpochs = 1,
        BatchSize = 8,
        BaseLr = 1e-3 * 256 / 8,
        BaseMinLr = 1e-5 * 256 / 8,
        TestClips = 2,
        EvalBatch = 32,
    };

    /// <summary>
    /// The pre-training preset cpu-small's model (ViT-S widths, 6 blocks) and input (16 frames of 112²): 10 epochs of
    /// batch 8 × 2 copies, lr_eff 5e-4, 1 warm-up epoch, the dataset's test views (not timed; several times cpu-tiny's
    /// cost per clip).
    /// </summary>
    public static FineTuneRecipe CpuSmall { get; } = new()
    {
        Model = "small",
        EncoderDepth = 6,
        Frames = 16,
        InputSize = 112,
        Epochs = 10,
        WarmupEpochs = 1,
        BatchSize = 8,
        BaseLr = 5e-4 * 256 / 8,
        BaseMinLr = 1e-5 * 256 / 8,
    };

    /// <summary>
    /// The CPU setting calibrated to show pre-training help (docs/calibration.md): cpu-tiny's model and schedule, 30
    /// epochs, and the augmentations a 600-video task at this budget can afford: no RandAugment, mixup, cutmix or random
    /// erasing, crops of at least half the frame (the reference's 8 % often leaves the small figure out), drop path 0.1.
    /// </summary>
    public static FineTuneRecipe CpuProof { get; } = CpuTiny with
    {
        Epochs = 30,
        RandAugment = "none",
        Mixup = 0,
        Cutmix = 0,
        RandomErasing = 0,
        CropMinArea = 0.5,
        DropPath = 0.1,
        ValidateEvery = 10,
    };

    /// <summary>Every preset by name.</summary>
    public static IReadOnlyDictionary<string, FineTuneRecipe> All { get; } = new Dictionary<string, FineTuneRecipe>
    {
        ["paper-ucf101"] = PaperUcf101,
        ["paper-hmdb51"] = PaperHmdb51,
        ["cpu-tiny"] = CpuTiny,
        ["cpu-small"] = CpuSmall,
        ["cpu-proof"] = CpuProof,
    };

    /// <summary>Looks a preset up by name; throws a <see cref="UserInputException"/> listing the names.</summary>
    public static FineTuneRecipe Parse(string name) =>
        All.TryGetValue(name.Trim(), out var recipe)
            ? recipe
            : throw new UserInputException($"unknown preset '{name}'; known: {string.Join(", ", All.Keys)}");

    /// <summary>
    /// The linear-probe recipe of a fine-tuning preset (docs/reference-behaviour.md §5.4, §9): AdamW lr 1e-2 at batch 256, weight
    /// decay 0, no layer decay; epochs, warm-up, augmentation, dropout and views stay the fine-tuning ones. At the
    /// CPU presets' batch of 8 the base lr keeps the ratio to fine-tuning (lr_eff 10× the fine-tuning one).
    /// </summary>
    public static FineTuneRecipe LinearProbe(FineTuneRecipe fineTune) => fineTune with
    {
        BaseLr = fineTune.BaseLr * 10,
        WeightDecay = 0,
        LayerDecay = null,
    };
}
