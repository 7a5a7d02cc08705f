using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace SynVid.Model;

/// <summary>
/// VideoMAE pre-training model (docs/reference-behaviour.md §4.5): encoder on the visible tokens, <c>encoder_to_decoder</c>, then the
/// decoder on [visible + PE_dec(visible); mask_token + PE_dec(masked)] (visible first, each in ascending order, no
/// unshuffle) predicting the masked tokens' pixels. Keys: <c>encoder.*</c>, <c>decoder.*</c>,
/// <c>encoder_to_decoder.weight</c>, <c>mask_token</c> — the reference checkpoint layout (§4.9).
/// </summary>
public sealed class PretrainModel : Module<Tensor, Tensor, Tensor>
{
    [ComponentName(Name = "encoder")]
    private readonly PretrainEncoder _encoder;

    [ComponentName(Name = "decoder")]
    private readonly PretrainDecoder _decoder;

    [ComponentName(Name = "encoder_to_decoder")]
    private readonly Linear _encoderToDecoder;

#pragma warning disable IDE0044 // Module.to() replaces parameters through this field.
    [ComponentName(Name = "mask_token")]
    private Parameter _maskToken;
#pragma warning restore IDE0044

    private readonly SinusoidTable _decoderTable;

    /// <summary>Builds and initialises the model as the reference does; seed torch's generator first for reproducible weights.</summary>
    public PretrainModel(PretrainConfig config)
        : base(nameof(PretrainModel))
    {
        config.Validate();
        Config = config;
        _encoder = new PretrainEncoder(config.Encoder);
        _decoder = new PretrainDecoder(config.DecoderTrunk, config.Encoder.PatchDim);
        // Framework default init (kaiming-uniform, a = √5): the reference's xavier init is applied inside encoder and decoder only.
        _encoderToDecoder = Linear(config.Encoder.EmbedDim, config.DecoderEmbedDim, hasBias: false);
        _maskToken = Parameter(zeros(1, 1, config.DecoderEmbedDim));
        using (no_grad())
        {
            Initialization.TruncNormal(_maskToken, 0.0, 0.02, -0.02, 0.02);
        }
        _decoderTable = new SinusoidTable(config.Encoder.NumTokens, config.DecoderEmbedDim);
        RegisterComponents();
    }

    /// <summary>The configuration the model was built from.</summary>
    public PretrainConfig Config { get; }

    /// <summary>The encoder.</summary>
    public PretrainEncoder Encoder => _encoder;

    /// <summary>The decoder.</summary>
    public PretrainDecoder Decoder => _decoder;

    /// <summary>
    /// (B, C, T, H, W) ImageNet-normalised clip and (B, N) bool mask (true = masked, same count per sample) →
    /// predictions for the masked tokens in ascending token order, (B, N_masked, C·tubelet·patch²).
    /// </summary>
    public override Tensor forward(Tensor x, Tensor mask)
    {
        using var scope = NewDisposeScope();
        var visible = PrecisionLinear.Apply(_encoderToDecoder, _encoder.forward(x, mask), Config.Encoder.Precision);
        var b = visible.shape[0];
        var pos = _decoderTable.On(visible.device, visible.dtype).expand(b, -1, -1);
        var posVisible = Masks.SelectTokens(pos, mask.logical_not());
        var posMasked = Masks.SelectTokens(pos, mask);
        var full = cat([visible + posVisible, _maskToken + posMasked], 1);
        return _decoder.forward(full, posMasked.shape[1]).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _decoderTable.Dispose();
        }
        base.Dispose(disposing);
    }
}
