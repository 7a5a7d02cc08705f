using SynVid.Synthesis;

namespace SynVid.Analysis.Progression;

/// <summary>The named progression presets (docs/progression.md).</summary>
public static class ProgressionPresets
{
    /// <summary>
    /// The whole progression in at most about 20 minutes on 2 CPU cores: the cpu-tiny model with a few dozen
    /// pre-training steps per stage, a short cpu-tiny fine-tune, a cached-feature linear probe, and dataset metrics on a
    /// few hundred frames. It shows that every step runs and what the report looks like, not a pre-training effect.
    /// </summary>
    public static ProgressionPreset CpuDemo { get; } = new()
    {
        Name = "cpu-demo",
        PretrainPreset = "cpu-tiny",
        PretrainSteps = 40,
        FineTunePreset = "cpu-tiny",
        FineTuneEpochs = 1,
        LinearProbeEpochs = 10,
        AnalysisFrames = 256,
        AnalysisVideos = 32,
        TexturePoolSize = 16,
    };

    /// <summary>
    /// The setting meant to show the trend on a CPU (about 80 min of steps on 2 cores, measured): the cpu-tiny model pre-trained for 1,000
    /// steps per stage, the cpu-tiny fine-tuning at its full length, a 30-epoch cached-feature probe, and dataset metrics
    /// on 2,048 frames and 256 videos. (The cpu-small recipes, ViT-S at 16×112², fine-tune at about 1 clip/s on 2 shared
    /// cores, which would make a progression take days.)
    /// </summary>
    public static ProgressionPreset CpuSmall { get; } = new()
    {
        Name = "cpu-small",
        PretrainPreset = "cpu-tiny",
        PretrainSteps = 1000,
        FineTunePreset = "cpu-tiny",
        LinearProbeEpochs = 30,
        AnalysisFrames = 2048,
        AnalysisVideos = 256,
        TexturePoolSize = 200,
    };

    /// <summary>
    /// The CPU setting calibrated, on the scratch and in-domain arms only, to show pre-training help (docs/calibration.md):
    /// synaction with large figures, thick limbs, no clutter or pan at 85 × 64 (1,000 test videos), the cpu-proof recipes
    /// (batch 64, 48,000 pre-training clips at a constant rate; 30 fine-tuning epochs with light augmentation), two
    /// fine-tuning seeds per arm, and the scaling study at 3k, 12k and 24k clips (46, 187 and 375 steps) besides the full
    /// length (the checkpoints of each arm's one run). Stages are drawn at 64², the model's input size.
    /// </summary>
    public static ProgressionPreset CpuProof { get; } = new()
    {
        Name = "cpu-proof",
        Downstream = SynActionProof,
        PretrainPreset = "cpu-proof",
        FineTunePreset = "cpu-proof",
        FineTuneSeeds = 2,
        LinearProbeEpochs = 30,
        ScalingSteps = [46, 187, 375],
        AnalysisFrames = 2048,
        AnalysisVideos = 256,
        TexturePoolSize = 200,
        StageResolution = 64,
    };

    /// <summary>
    /// cpu-proof as the main job (scripts/demo.sh): the same pre-training, whose encoders the repository ships
    /// (models/cpu-proof, installed with <c>--encoders</c>), then one fine-tuning of 10 epochs instead of two of 30, chosen
    /// on the scratch and in-domain arms alone (docs/calibration.md §The main job), the linear probe and the pixel
    /// baseline; no k-NN or attentive probe, dataset analysis or scaling study. Default arms: scratch, static circles,
    /// moving circles and in-domain.
    /// </summary>
    public static ProgressionPreset CpuProofDemo { get; } = CpuProof with
    {
        Name = "cpu-proof-demo",
        FineTuneEpochs = 10,
        FineTuneSeeds = 1,
        ScalingSteps = [],
        KnnProbe = false,
        AttentiveProbe = false,
        AnalyseStages = false,
        DefaultStages = [Stages.StaticCircles.Name, Stages.MovingCircles.Name],
    };

    /// <summary>cpu-proof's downstream task (docs/calibration.md, candidate c3's scenes).</summary>
    public const string SynActionProof = "synaction:test=100,size=85x64,figure=1.5,limbs=3,distractors=0-0,pan=0";

    /// <summary>
    /// The paper's recipes (docs/reference-behaviour.md §5.1, §5.3, §5.4, §7): ViT-B pre-training, UCF101 fine-tuning and linear
    /// probing at full length, 10k frames and 1,000 videos per dataset; needs a GPU (and days of it per arm).
    /// </summary>
    public static ProgressionPreset Paper { get; } = new()
    {
        Name = "paper",
        PretrainPreset = "paper",
        FineTunePreset = "paper-ucf101",
        LinearProbeCachedFeatures = false,
        // ViT-B patch tokens at 16×224² are 1,568 × 768 floats (4.8 MB) per view: UCF101's would not fit in memory
        AttentiveProbe = false,
        AnalysisDevice = "auto",
    };

    /// <summary>Every preset by name.</summary>
    public static IReadOnlyDictionary<string, ProgressionPreset> All { get; } = new Dictionary<string, ProgressionPreset>
    {
        ["cpu-demo"] = CpuDemo,
        ["cpu-small"] = CpuSmall,
        ["cpu-proof"] = CpuProof,
        ["cpu-proof-demo"] = CpuProofDemo,
        ["paper"] = Paper,
    };

    /// <summary>Looks a preset up by name; throws a <see cref="UserInputException"/> listing the names.</summary>
    public static ProgressionPreset Parse(string name) =>
        All.TryGetValue(name.Trim(), out var preset)
            ? preset
            : throw new UserInputException($"unknown progression preset '{name}'; known: {string.Join(", ", All.Keys)}");
}
