using SynVid.Model;

namespace SynVid.Training;

/// <summary>
/// Every setting of a VideoMAE pre-training run. Defaults are the reference run (docs/reference-behaviour.md §5.1, §9): ViT-B/16 at
/// 16 × 224², frame stride 4, tube mask 0.75, decoder depth 4, AdamW (0.9, 0.95), weight decay 0.05, base lr 3e-4 and
/// min lr 1e-5 scaled by the effective batch / 256 (192 → 2.25e-4), 1,960 warm-up and 156,849 total steps.
/// </summary>
public sealed record PretrainRecipe
{
    /// <summary>Model size name (tiny, small, base, large, huge; §4.4).</summary>
    public string Model { get; init; } = "base";

    /// <summary>Override of the encoder depth (null: the size's depth), for CPU-sized models.</summary>
    public int? EncoderDepth { get; init; }

    /// <summary>Decoder depth (§4.4: 4 in every script).</summary>
    public int DecoderDepth { get; init; } = 4;

    /// <summary>Frames per clip (§5.1: 16).</summary>
    public int Frames { get; init; } = 16;

    /// <summary>Frame stride of the clip sampler (§5.1: 4).</summary>
    public int SamplingRate { get; init; } = 4;

    /// <summary>Square input side (§5.1: 224).</summary>
    public int InputSize { get; init; } = 224;

    /// <summary>Patch side (§4.1: 16).</summary>
    public int PatchSize { get; init; } = 16;

    /// <summary>Tubelet length (§4.1: 2).</summary>
    public int TubeletSize { get; init; } = 2;

    /// <summary>Mask ratio (§5.1: 0.75).</summary>
    public double MaskRatio { get; init; } = 0.75;

    /// <summary>Tube (reference) or random masking.</summary>
    public MaskingKind Masking { get; init; } = MaskingKind.Tube;

    /// <summary>Normalised-pixel target (§4.7: on).</summary>
    public bool NormalizeTarget { get; init; } = true;

    /// <summary>Clips per forward pass.</summary>
    public int BatchSize { get; init; } = 24;

    /// <summary>Forward passes per optimiser step; the effective batch is BatchSize × Accumulation (§5.1: 192 = 24 × 8).</summary>
    public int Accumulation { get; init; } = 8;

    /// <summary>Base lr before batch scaling (§5.1: 3e-4).</summary>
    public double BaseLr { get; init; } = 3e-4;

    /// <summary>Base minimum lr before batch scaling (§5.1: 1e-5).</summary>
    public double BaseMinLr { get; init; } = 1e-5;

    /// <summary>Warm-up optimiser steps (§5.1: 40 epochs × 49 = 1,960).</summary>
    public long WarmupSteps { get; init; } = 1960;

    /// <summary>Total optimiser steps (§5.1: 3,201 epochs × 49 = 156,849).</summary>
    public long TotalSteps { get; init; } = 156_849;

    /// <summary>Clips per (virtual) epoch, used for the epoch counter and file-list shuffling (§5.1: 9,537).</summary>
    public int EpochSize { get; init; } = 9537;

    /// <summary>Weight decay (§5.1: 0.05, constant).</summary>
    public double WeightDecay { get; init; } = 0.05;

    /// <summary>AdamW β1 (§5.1: 0.9).</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>AdamW β2 (§5.1: 0.95).</summary>
    public double Beta2 { get; init; } = 0.95;

    /// <summary>AdamW ε (§5.1: 1e-8).</summary>
    public double Eps { get; init; } = 1e-8;

    /// <summary>Gradient-norm clipping; null disables it (§5.1: none).</summary>
    public double? ClipGrad { get; init; }

    /// <summary>Checkpoint interval in optimiser steps (a checkpoint is also written at the end).</summary>
    public int CheckpointEvery { get; init; } = 4900;

    /// <summary>Seed of model initialisation, data and masks.</summary>
    public int Seed { get; init; }

    /// <summary>Device: cpu, cuda or cuda:N.</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>
    /// Element type of the encoder's Linear products: fp32 (the reference) or bf16 (faster on CPUs with AVX-512 BF16 or
    /// AMX; parameters, norms, softmax, loss and optimiser stay fp32; not bit-identical).
    /// </summary>
    public string Precision { get; init; } = "fp32";

    /// <summary>Background data workers (0: one per core, at most 4).</summary>
    public int DataWorkers { get; init; }

    /// <summary>Effective batch per optimiser step.</summary>
    public int TotalBatch => BatchSize * Accumulation;

    /// <summary>The model configuration this recipe trains.</summary>
    public PretrainConfig ModelConfig()
    {
        var size = ModelSize.Parse(Model);
        var shape = new VideoVitConfig { ImageSize = InputSize, PatchSize = PatchSize, NumFrames = Frames, TubeletSize = TubeletSize };
        var config = size.Pretrain(shape, DecoderDepth);
        config = config with { Encoder = config.Encoder with { Precision = MatmulPrecisionNames.Parse(Precision) } };
        return EncoderDepth is { } depth ? config with { Encoder = config.Encoder with { Depth = depth } } : config;
    }

    /// <summary>The learning-rate schedule (batch-scaled).</summary>
    public CosineSchedule Schedule() => CosineSchedule.FromBaseRates(BaseLr, BaseMinLr, TotalBatch, WarmupSteps, TotalSteps);

    /// <summary>Rejects invalid settings before any work, naming the field.</summary>
    public void Validate()
    {
        static void Require(bool ok, string message)
        {
            if (!ok)
            {
                throw new UserInputException(message);
            }
        }
        Require(MatmulPrecisionNames.All.Contains(Precision), $"precision must be fp32 or bf16, got '{Precision}'");
        Require(BatchSize >= 1, $"batch size must be at least 1, got {BatchSize}");
        Require(Accumulation >= 1, $"accumulation must be at least 1, got {Accumulation}");
        Require(SamplingRate >= 1, $"sampling rate must be at least 1, got {SamplingRate}");
        Require(MaskRatio is > 0 and < 1, $"mask ratio must be in (0, 1), got {MaskRatio}");
        Require(WeightDecay >= 0, $"weight decay must be non-negative, got {WeightDecay}");
        Require(Beta1 is >= 0 and < 1 && Beta2 is >= 0 and < 1, $"AdamW betas must be in [0, 1), got ({Beta1}, {Beta2})");
        Require(ClipGrad is null or > 0, $"gradient clipping must be positive, got {ClipGrad}");
        Require(CheckpointEvery >= 1, $"checkpoint interval must be at least 1, got {CheckpointEvery}");
        Require(EpochSize >= 1, $"epoch size must be at least 1, got {EpochSize}");
        Require(DataWorkers >= 0, $"data workers must be non-negative, got {DataWorkers}");
        // the values as typed (--lr, --set base_lr=…), before the schedule scales them by the batch
        Require(BaseLr > 0 && double.IsFinite(BaseLr), $"base_lr (--lr) must be positive, got {BaseLr}");
        Require(BaseMinLr >= 0 && BaseMinLr <= BaseLr, $"base_min_lr must be in [0, base_lr = {BaseLr}], got {BaseMinLr}");
        ModelConfig().Validate();
        Schedule().Validate();
    }
}
