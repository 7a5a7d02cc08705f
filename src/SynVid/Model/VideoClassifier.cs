using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace SynVid.Model;

/// <summary>
/// The fine-tuning / linear-probe model (docs/reference-behaviour.md §4.8): patch embed + fixed table, blocks on all tokens, mean
/// pooling, <c>fc_norm</c>, dropout, <c>head</c>. Keys: <c>patch_embed.*</c>, <c>blocks.{i}.*</c>, <c>fc_norm.*</c>,
/// <c>head.*</c> (the final norm is Identity with mean pooling, so there is no <c>norm.*</c>).
/// </summary>
public sealed class VideoClassifier : Module<Tensor, Tensor>
{
    [ComponentName(Name = "patch_embed")]
    private readonly PatchEmbed3d _patchEmbed;

    [ComponentName(Name = "blocks")]
    private readonly ModuleList<Block> _blocks;

    [ComponentName(Name = "fc_norm")]
    private readonly LayerNorm _fcNorm;

    [ComponentName(Name = "fc_dropout")]
    private readonly Dropout _fcDropout;

    [ComponentName(Name = "head")]
    private readonly Linear _head;

    private readonly SinusoidTable _table;

    /// <summary>Builds the classifier with the reference's init (truncated normal 0.02, head scaled by InitScale).</summary>
    public VideoClassifier(ClassifierConfig config)
        : base(nameof(VideoClassifier))
    {
        config.Validate();
        Config = config;
        var trunk = config.Encoder;
        _patchEmbed = new PatchEmbed3d(trunk);
        _blocks = TransformerStack.CreateBlocks(trunk);
        _fcNorm = LayerNorm(trunk.EmbedDim, trunk.LayerNormEps);
        _fcDropout = Dropout(config.FcDropRate);
        _head = Linear(trunk.EmbedDim, config.NumClasses);
        _table = new SinusoidTable(trunk.NumTokens, trunk.EmbedDim);
        RegisterComponents();
        Initialization.TruncNormalLinears(this, 0.02);
        Initialization.ResetLayerNorms(this);
        ResetHead();
    }

    /// <summary>The configuration the model was built from.</summary>
    public ClassifierConfig Config { get; }

    /// <summary>The blocks (for layer ids and features).</summary>
    public ModuleList<Block> Blocks => _blocks;

    /// <summary>Re-initialises <c>fc_norm</c> (1, 0) and the head (truncated normal 0.02 × InitScale, bias 0).</summary>
    public void ResetHead()
    {
        using var noGrad = no_grad();
        nn.init.ones_(_fcNorm.weight!);
        nn.init.zeros_(_fcNorm.bias!);
        Initialization.TruncNormal(_head.weight!, 0.0, 0.02, -2.0, 2.0);
        _head.weight!.mul_(Config.InitScale);
        nn.init.zeros_(_head.bias!);
    }

    /// <summary>(B, C, T, H, W) ImageNet-normalised clip → logits (B, classes).</summary>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var pooled = Embedding(x);
        return _head.forward(_fcDropout.forward(pooled)).MoveToOuterDisposeScope();
    }

    /// <summary>Token features after the last block, (B, N, D) (the final norm is Identity with mean pooling).</summary>
    public Tensor Features(Tensor x)
    {
        using var scope = NewDisposeScope();
        var tokens = TransformerStack.EmbedWithPositions(_patchEmbed, _table, x);
        return TransformerStack.Run(_blocks, tokens).MoveToOuterDisposeScope();
    }

    /// <summary>The clip embedding: fc_norm of the token mean, (B, D); what the head sees (before dropout).</summary>
    public Tensor Embedding(Tensor x)
    {
        using var scope = NewDisposeScope();
        return Pool(Features(x)).MoveToOuterDisposeScope();
    }

    /// <summary>The clip embedding of token features (B, N, D) from <see cref="Features"/>: fc_norm of their mean, (B, D).</summary>
    public Tensor Pool(Tensor tokens)
    {
        using var scope = NewDisposeScope();
        return _fcNorm.forward(tokens.mean([1])).MoveToOuterDisposeScope();
    }

    /// <summary>The last block's attention keys, (B, heads, N, d_h).</summary>
    public Tensor LastLayerKeys(Tensor x)
    {
        using var scope = NewDisposeScope();
        var tokens = TransformerStack.EmbedWithPositions(_patchEmbed, _table, x);
        return TransformerStack.LastLayerKeys(_blocks, tokens).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _table.Dispose();
        }
        base.Dispose(disposing);
    }
}
