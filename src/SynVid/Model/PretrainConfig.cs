namespace SynVid.Model;

/// <summary>VideoMAE pre-training model: encoder trunk plus the decoder (docs/reference-behaviour.md §4.5).</summary>
public sealed record PretrainConfig
{
    /// <summary>The encoder (its drop-path rate is shared with the decoder, as in the reference).</summary>
    public VideoVitConfig Encoder { get; init; } = new();

    /// <summary>Decoder width (§4.4 base: 384).</summary>
    public int DecoderEmbedDim { get; init; } = 384;

    /// <summary>Decoder depth (§4.4: every script uses 4; the class default 8 is never used).</summary>
    public int DecoderDepth { get; init; } = 4;

    /// <summary>Decoder heads (§4.4 base: 6).</summary>
    public int DecoderNumHeads { get; init; } = 6;

    /// <summary>The decoder's trunk shape: same tokens and MLP ratio, its own width, depth and heads.</summary>
    public VideoVitConfig DecoderTrunk => Encoder with
    {
        EmbedDim = DecoderEmbedDim,
        Depth = DecoderDepth,
        NumHeads = DecoderNumHeads,
    };

    /// <summary>Throws a <see cref="UserInputException"/> naming the first inconsistent field.</summary>
    public void Validate()
    {
        Encoder.Validate();
        VideoVitConfig.Require(DecoderEmbedDim > 0 && DecoderDepth >= 0 && DecoderNumHeads > 0,
            $"decoder width {DecoderEmbedDim}, depth {DecoderDepth} and heads {DecoderNumHeads} must be positive");
        VideoVitConfig.Require(DecoderEmbedDim % DecoderNumHeads == 0,
            $"decoder width {DecoderEmbedDim} is not divisible by the decoder head count {DecoderNumHeads}");
    }
}
