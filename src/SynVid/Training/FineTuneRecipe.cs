using SynVid.Datasets;
using SynVid.Datasets.Augmentation;
using SynVid.Datasets.Downstream;
using SynVid.Datasets.Specs;
using SynVid.Model;

namespace SynVid.Training;

/// <summary>
/// Every setting of a fine-tuning (or linear-probe) run. Defaults are the reference HMDB51 script as executed and
/// VideoMAE's UCF101 recipe (docs/reference-behaviour.md §5.3, §9): ViT-B/16 at 16 × 224², 100 epochs with 5 warm-up, AdamW
/// β (0.9, 0.999), lr 1e-3 and min lr 1e-5 at batch 256 (scaled by B/256), weight decay 0.05, layer decay 0.7,
/// drop path 0.2, fc dropout 0.5, RandAugment m7-n4-mstd0.5-inc1, mixup 0.8 / cutmix 1.0 / switch 0.5, label
/// smoothing 0.1, random erasing 0.25, two repeated-augmentation copies. The frame stride and the test views come from
/// the dataset unless set.
/// </summary>
public sealed record FineTuneRecipe
{
    /// <summary>Input side the reference augmentation is defined for (§5.3: 224).</summary>
    public const int ReferenceInputSize = 224;

    /// <summary>Model size name (tiny, small, base, large, huge; §4.4). A pre-trained checkpoint's width overrides it.</summary>
    public string Model { get; init; } = "base";

    /// <summary>Override of the encoder depth (null: the size's depth), for CPU-sized models.</summary>
    public int? EncoderDepth { get; init; }

    /// <summary>Frames per clip (§5.3: 16).</summary>
    public int Frames { get; init; } = 16;

    /// <summary>Square input side (§5.3: 224).</summary>
    public int InputSize { get; init; } = ReferenceInputSize;

    /// <summary>Patch side (§4.1: 16).</summary>
    public int PatchSize { get; init; } = 16;

    /// <summary>Tubelet length (§4.1: 2).</summary>
    public int TubeletSize { get; init; } = 2;

    /// <summary>Frame stride (null: the dataset's, §5.3: 4 for UCF101, 2 for HMDB51).</summary>
    public int? Stride { get; init; }

    /// <summary>Epochs (§5.3: 100).</summary>
    public int Epochs { get; init; } = 100;

    /// <summary>Warm-up epochs, linear from 0 (§5.3: 5; §4.10).</summary>
    public int WarmupEpochs { get; init; } = 5;

    /// <summary>Videos per optimiser step, B_total (§5.3: 256); each contributes <see cref="NumSample"/> clips.</summary>
    public int BatchSize { get; init; } = 256;

    /// <summary>Base lr before scaling by B_total/256 (§5.3: 1e-3).</summary>
    public double BaseLr { get; init; } = 1e-3;

    /// <summary>Base minimum lr before scaling (§5.3: 1e-5).</summary>
    public double BaseMinLr { get; init; } = 1e-5;

    /// <summary>Weight decay (§5.3: 0.05, constant; none for 1-D tensors and biases, §4.10).</summary>
    public double WeightDecay { get; init; } = 0.05;

    /// <summary>Layer-wise lr decay (§5.3: 0.7); null trains every layer at the full lr.</summary>
    public double? LayerDecay { get; init; } = 0.7;

    /// <summary>AdamW β1 (§5.3: 0.9).</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>AdamW β2 (§9: 0.999 as executed; the paper's table says 0.95, an option).</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>AdamW ε (§5.3: 1e-8).</summary>
    public double Eps { get; init; } = 1e-8;

    /// <summary>Largest drop-path rate, linspace(0, rate, depth) over the blocks (§4.8: 0.2).</summary>
    public double DropPath { get; init; } = SynVid.Model.ClassifierConfig.FineTuneDropPath;

    /// <summary>Dropout before the head (§9: 0.5).</summary>
    public double FcDropout { get; init; } = 0.5;

    /// <summary>timm RandAugment string (§9: rand-m7-n4-mstd0.5-inc1); "none" disables it.</summary>
    public string RandAugment { get; init; } = "rand-m7-n4-mstd0.5-inc1";

    /// <summary>Mixup Beta α (§5.3: 0.8); 0 disables mixup.</summary>
    public double Mixup { get; init; } = 0.8;

    /// <summary>Cutmix Beta α (§5.3: 1.0); 0 disables cutmix.</summary>
    public double Cutmix { get; init; } = 1.0;

    /// <summary>Chance a batch is mixed (§5.3: 1.0).</summary>
    public double MixupProbability { get; init; } = 1.0;

    /// <summary>Chance of cutmix rather than mixup (§5.3: 0.5).</summary>
    public double MixupSwitchProbability { get; init; } = 0.5;

    /// <summary>Label smoothing ε (§5.3: 0.1).</summary>
    public double LabelSmoothing { get; init; } = 0.1;

    /// <summary>Random-erasing probability (§5.3: 0.25).</summary>
    public double RandomErasing { get; init; } = 0.25;

    /// <summary>Smallest area fraction of the random resized crop (§5.3: 0.08).</summary>
    public double CropMinArea { get; init; } = 0.08;

    /// <summary>Horizontal-flip probability (§5.3: 0.5). Flips keep the arrow of time and the speed of motion.</summary>
    public double FlipProbability { get; init; } = 0.5;

    /// <summary>Repeated augmentation: copies of each temporal clip (§5.3: 2).</summary>
    public int NumSample { get; init; } = 2;

    /// <summary>
    /// Resize source frames by InputSize/224 before the training transform when the input is smaller than 224, so that
    /// RandAugment, crop areas and erasing act on the same geometry relative to the model input as the reference at
    /// 224 (and cost a fraction). A no-op at 224.
    /// </summary>
    public bool ScaleFramesToInput { get; init; } = true;

    /// <summary>Test clips per video (null: the dataset's, §5.3: 5 UCF101, 10 HMDB51).</summary>
    public int? TestClips { get; init; }

    /// <summary>Test crops per clip (§5.3: 3).</summary>
    public int TestCrops { get; init; } = 3;

    /// <summary>Gradient-norm clipping; null disables it (§5.3: none).</summary>
    public double? ClipGrad { get; init; }

    /// <summary>Validate (top-1 on the validation view) every this many epochs (§5.3: every epoch); 0 turns it off.</summary>
    public int ValidateEvery { get; init; } = 1;

    /// <summary>Linear probe only: run the frozen backbone in train mode (drop path active, as the reference, §5.4) instead of eval mode (§9).</summary>
    public bool ProbeBackboneTrainMode { get; init; }

    /// <summary>Clips per forward pass when evaluating.</summary>
    public int EvalBatch { get; init; } = 16;

    /// <summary>Seed of initialisation, data order, augmentation and mixing.</summary>
    public int Seed { get; init; }

    /// <summary>Device: cpu, cuda or cuda:N.</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>
    /// Element type of the encoder's Linear products: fp32 (the reference) or bf16 (faster on CPUs with AVX-512 BF16 or
    /// AMX; parameters, norms, softmax, loss and optimiser stay fp32; not bit-identical).
    /// </summary>
    public string Precision { get; init; } = "fp32";

    /// <summary>Background batch producers (0: one per core, at most 4).</summary>
    public int DataWorkers { get; init; }

    /// <summary>Clips per optimiser step: videos × copies.</summary>
    public int ClipsPerStep => BatchSize * NumSample;

    /// <summary>The classifier trained on <paramref name="numClasses"/> classes.</summary>
    public ClassifierConfig ClassifierConfig(int numClasses)
    {
        var size = ModelSize.Parse(Model);
        var shape = new VideoVitConfig { ImageSize = InputSize, PatchSize = PatchSize, NumFrames = Frames, TubeletSize = TubeletSize };
        var config = size.Classifier(numClasses, shape, DropPath) with { FcDropRate = FcDropout };
        config = config with { Encoder = config.Encoder with { Precision = MatmulPrecisionNames.Parse(Precision) } };
        return EncoderDepth is { } depth ? config with { Encoder = config.Encoder with { Depth = depth } } : config;
    }

    /// <summary>Optimiser steps per epoch: ⌊N_train / B_total⌋ (drop_last, §4.10), at least 1.</summary>
    public int StepsPerEpoch(int trainVideos) => Math.Max(1, trainVideos / BatchSize);

    /// <summary>The per-step lr schedule (batch-scaled; warm-up and length in steps).</summary>
    public CosineSchedule Schedule(int trainVideos)
    {
        var perEpoch = StepsPerEpoch(trainVideos);
        return CosineSchedule.FromBaseRates(BaseLr, BaseMinLr, BatchSize, (long)WarmupEpochs * perEpoch, (long)Epochs * perEpoch);
    }

    /// <summary>The per-clip training transform at this recipe's input size.</summary>
    public FineTuneAugmentation Augmentation() => new(
        RandAugment.Equals("none", StringComparison.OrdinalIgnoreCase) ? RandAugmentConfig.Parse("rand-m0-n0-inc1") : RandAugmentConfig.Parse(RandAugment),
        InputSize,
        new RandomResizedCrop(MinScale: CropMinArea),
        FlipProbability,
        new RandomErasing(RandomErasing),
        NumSample,
        VideoNormalization.ImageNet);

    /// <summary>
    /// How a run with this recipe opens its downstream dataset: the recipe's clip length, stride and seed, and the
    /// caller's bad-video policy, splits read (<see cref="SplitNames"/>; null: all), folder of split lists and
    /// decoded-frame cache. The one place these options are built for training and probing (the CLI, the
    /// progression, the parity benchmark), and every argument is required so that no caller drops one unnoticed.
    /// </summary>
    public DownstreamDataOptions DataOptions(BadVideoPolicy onBadVideo, IReadOnlySet<string>? splits, string? splitsDirectory, long frameCacheBytes) =>
        new(ClipLength: Frames, Stride: Stride, Seed: Seed, OnBadVideo: onBadVideo, SplitsDirectory: splitsDirectory, Splits: splits,
            FrameCacheBytes: frameCacheBytes);

    /// <summary>The batch mixing (mixup/cutmix/label smoothing).</summary>
    public Mixup Mixing() => new(Mixup, Cutmix, Mixup > 0 || Cutmix > 0 ? MixupProbability : 0, MixupSwitchProbability, LabelSmoothing);

    /// <summary>Factor applied to source frames before the training transform (≤ 1).</summary>
    public double FrameScale => ScaleFramesToInput ? Math.Min(1.0, (double)InputSize / ReferenceInputSize) : 1.0;

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
        Require(Epochs >= 1, $"epochs must be at least 1, got {Epochs}");
        Require(WarmupEpochs >= 0 && WarmupEpochs <= Epochs, $"warm-up epochs must be in [0, {Epochs}], got {WarmupEpochs}");
        Require(BatchSize >= 1, $"batch size must be at least 1, got {BatchSize}");
        Require(NumSample >= 1, $"num_sample must be at least 1, got {NumSample}");
        Require(ClipsPerStep % 2 == 0 || (Mixup <= 0 && Cutmix <= 0) || MixupProbability <= 0,
            $"mixup/cutmix need an even number of clips per step; batch {BatchSize} × num_sample {NumSample} is odd");
        Require(Stride is null or >= 1, $"stride must be at least 1, got {Stride}");
        Require(WeightDecay >= 0, $"weight decay must be non-negative, got {WeightDecay}");
        Require(LayerDecay is null or (> 0 and <= 1), $"layer decay must be in (0, 1], got {LayerDecay}");
        Require(Beta1 is >= 0 and < 1 && Beta2 is >= 0 and < 1, $"AdamW betas must be in [0, 1), got ({Beta1}, {Beta2})");
        Require(LabelSmoothing is >= 0 and < 1, $"label smoothing must be in [0, 1), got {LabelSmoothing}");
        Require(RandomErasing is >= 0 and <= 1, $"random erasing probability must be in [0, 1], got {RandomErasing}");
        Require(CropMinArea is > 0 and <= 1, $"crop minimum area must be in (0, 1], got {CropMinArea}");
        Require(FlipProbability is >= 0 and <= 1, $"flip probability must be in [0, 1], got {FlipProbability}");
        Require(TestClips is null or >= 1, $"test clips must be at least 1, got {TestClips}");
        Require(TestCrops >= 1, $"test crops must be at least 1, got {TestCrops}");
        Require(ClipGrad is null or > 0, $"gradient clipping must be positive, got {ClipGrad}");
        Require(ValidateEvery >= 0, $"validation interval must be non-negative, got {ValidateEvery}");
        Require(EvalBatch >= 1, $"evaluation batch must be at least 1, got {EvalBatch}");
        Require(DataWorkers >= 0, $"data workers must be non-negative, got {DataWorkers}");
        // the values as typed (--lr, --set base_lr=…), before the schedule scales them by the batch
        Require(BaseLr > 0 && double.IsFinite(BaseLr), $"base_lr (--lr) must be positive, got {BaseLr}");
        Require(BaseMinLr >= 0 && BaseMinLr <= BaseLr, $"base_min_lr must be in [0, base_lr = {BaseLr}], got {BaseMinLr}");
        ClassifierConfig(2).Validate();
        Augmentation();
        Schedule(BatchSize).Validate();
    }
}
