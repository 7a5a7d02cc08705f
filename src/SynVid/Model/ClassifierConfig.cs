namespace SynVid.Model;

/// <summary>Video classifier for fine-tuning and linear probing (docs/reference-behaviour.md §4.8).</summary>
public sealed record ClassifierConfig
{
    /// <summary>Fine-tuning's largest drop-path rate (§4.8).</summary>
    public const double FineTuneDropPath = 0.2;

    /// <summary>The trunk, by default ViT-B/16 with the fine-tuning drop path 0.2 (§4.8).</summary>
    public VideoVitConfig Encoder { get; init; } = new() { DropPathRate = FineTuneDropPath };

    /// <summary>Number of classes (UCF101 101, HMDB51 51, Kinetics 400).</summary>
    public int NumClasses { get; init; } = 101;

    /// <summary>Dropout before the head (§9: 0.5, the reference's and VideoMAE's recipe).</summary>
    public double FcDropRate { get; init; } = 0.5;

    /// <summary>Head weight and bias are scaled by this after initialisation (§4.8: 0.001).</summary>
    public double InitScale { get; init; } = 0.001;

    /// <summary>Throws a <see cref="UserInputException"/> naming the first inconsistent field.</summary>
    public void Validate()
    {
        Encoder.Validate();
        VideoVitConfig.Require(NumClasses > 0, $"class count must be positive, got {NumClasses}");
        VideoVitConfig.Require(FcDropRate is >= 0 and < 1, $"fc dropout must be in [0, 1), got {FcDropRate}");
    }
}
