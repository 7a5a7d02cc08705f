namespace SynVid.Model;

/// <summary>
/// Shape of a video Vision Transformer trunk: tubelet patch embedding plus pre-norm blocks (docs/reference-behaviour.md §4.1–4.4).
/// Any frame count, image size, patch and tubelet size; the defaults are the reference's ViT-B/16 at 16 × 224².
/// </summary>
public sealed record VideoVitConfig
{
    /// <summary>Square input side in pixels (§4.1: 224).</summary>
    public int ImageSize { get; init; } = 224;

    /// <summary>Square patch side in pixels (§4.1: 16).</summary>
    public int PatchSize { get; init; } = 16;

    /// <summary>Frames per clip (§4.1: 16).</summary>
    public int NumFrames { get; init; } = 16;

    /// <summary>Frames per tubelet (§4.1: 2).</summary>
    public int TubeletSize { get; init; } = 2;

    /// <summary>Input channels (RGB).</summary>
    public int InChannels { get; init; } = 3;

    /// <summary>Token width D (§4.4 base: 768).</summary>
    public int EmbedDim { get; init; } = 768;

    /// <summary>Number of blocks (§4.4 base: 12).</summary>
    public int Depth { get; init; } = 12;

    /// <summary>Attention heads (§4.4 base: 12).</summary>
    public int NumHeads { get; init; } = 12;

    /// <summary>MLP hidden width as a multiple of D (§4.3: 4).</summary>
    public double MlpRatio { get; init; } = 4.0;

    /// <summary>Learnable q and v biases with a fixed zero k bias (§4.3: on for every registered size).</summary>
    public bool QkvBias { get; init; } = true;

    /// <summary>LayerNorm epsilon (§4.3: 1e-6 everywhere).</summary>
    public double LayerNormEps { get; init; } = 1e-6;

    /// <summary>Largest drop-path rate; block i uses rate·i/(depth−1) (§4.3; pre-training 0, fine-tuning 0.2).</summary>
    public double DropPathRate { get; init; }

    /// <summary>Layer-scale initial value; 0 disables layer scale (§4.3: 0).</summary>
    public double InitValues { get; init; }

    /// <summary>Element type of the Linear products (float32 = reference; bf16 is a speed option, not in checkpoints).</summary>
    public MatmulPrecision Precision { get; init; } = MatmulPrecision.Float32;

    /// <summary>Tokens per frame slot: (ImageSize / PatchSize)².</summary>
    public int TokensPerFrame => (ImageSize / PatchSize) * (ImageSize / PatchSize);

    /// <summary>Temporal token slots: NumFrames / TubeletSize.</summary>
    public int TemporalSlots => NumFrames / TubeletSize;

    /// <summary>Total tokens N (§4.1: 8 × 14 × 14 = 1568).</summary>
    public int NumTokens => TemporalSlots * TokensPerFrame;

    /// <summary>Values per patch in the reconstruction target: C × tubelet × patch² (§4.5: 1536).</summary>
    public int PatchDim => InChannels * TubeletSize * PatchSize * PatchSize;

    /// <summary>MLP hidden width.</summary>
    public int MlpHidden => (int)(EmbedDim * MlpRatio);

    /// <summary>Throws a <see cref="UserInputException"/> naming the first inconsistent field.</summary>
    public void Validate()
    {
        Require(ImageSize > 0 && PatchSize > 0 && ImageSize % PatchSize == 0, $"image size {ImageSize} must be a positive multiple of the patch size {PatchSize}");
        Require(NumFrames > 0 && TubeletSize > 0 && NumFrames % TubeletSize == 0, $"frame count {NumFrames} must be a positive multiple of the tubelet size {TubeletSize}");
        Require(InChannels > 0, $"input channels must be positive, got {InChannels}");
        Require(EmbedDim > 0 && Depth >= 0 && NumHeads > 0, $"embed dim {EmbedDim}, depth {Depth} and heads {NumHeads} must be positive");
        Require(EmbedDim % NumHeads == 0, $"embed dim {EmbedDim} is not divisible by the head count {NumHeads}");
        Require(MlpRatio > 0 && MlpHidden > 0, $"MLP ratio must be positive, got {MlpRatio}");
        Require(DropPathRate is >= 0 and < 1, $"drop-path rate must be in [0, 1), got {DropPathRate}");
        Require(InitValues >= 0, $"layer-scale init value must be non-negative, got {InitValues}");
    }

    internal static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new UserInputException(message);
        }
    }

    /// <summary>Drop-path rate of block <paramref name="index"/>: linspace(0, rate, depth) as in the reference.</summary>
    public double DropPathAt(int index) => Depth <= 1 ? 0.0 : DropPathRate * index / (Depth - 1);
}
