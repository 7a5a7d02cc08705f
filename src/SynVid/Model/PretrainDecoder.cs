using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace SynVid.Model;

/// <summary>
/// VideoMAE decoder (docs/reference-behaviour.md §4.5): blocks on all tokens, then LayerNorm and the pixel head on the last
/// <c>returnTokens</c> tokens (the masked ones). Keys: <c>blocks.{i}.*</c>, <c>norm.*</c>, <c>head.*</c>.
/// </summary>
public sealed class PretrainDecoder : Module<Tensor, long, Tensor>
{
    [ComponentName(Name = "blocks")]
    private readonly ModuleList<Block> _blocks;

    [ComponentName(Name = "norm")]
    private readonly LayerNorm _norm;

    [ComponentName(Name = "head")]
    private readonly Linear _head;

    private readonly MatmulPrecision _precision;

    /// <summary>Creates the decoder for a trunk shape and an output of <paramref name="outputDim"/> values per token.</summary>
    public PretrainDecoder(VideoVitConfig trunk, int outputDim)
        : base(nameof(PretrainDecoder))
    {
        _precision = trunk.Precision;
        _blocks = TransformerStack.CreateBlocks(trunk);
        _norm = LayerNorm(trunk.EmbedDim, trunk.LayerNormEps);
        _head = Linear(trunk.EmbedDim, outputDim);
        RegisterComponents();
        Initialization.XavierUniformLinears(this);
        Initialization.ResetLayerNorms(this);
    }

    /// <summary>The blocks.</summary>
    public ModuleList<Block> Blocks => _blocks;

    /// <summary>(B, N, D_dec) → (B, returnTokens, outputDim); returnTokens ≤ 0 predicts every token.</summary>
    public override Tensor forward(Tensor x, long returnTokens)
    {
        using var scope = NewDisposeScope();
        var y = TransformerStack.Run(_blocks, x);
        if (returnTokens > 0)
        {
            y = y.narrow(1, y.shape[1] - returnTokens, returnTokens);
        }
        return PrecisionLinear.Apply(_head, _norm.forward(y), _precision).MoveToOuterDisposeScope();
    }
}
