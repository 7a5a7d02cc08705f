using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace SynVid.Model;

/// <summary>
/// VideoMAE encoder (docs/reference-behaviour.md §4.5): patch embed + fixed table, keep the visible tokens in ascending order, blocks,
/// LayerNorm. Keys: <c>patch_embed.*</c>, <c>blocks.{i}.*</c>, <c>norm.*</c> (no head, no pos_embed).
/// </summary>
public sealed class PretrainEncoder : Module<Tensor, Tensor, Tensor>
{
    [ComponentName(Name = "patch_embed")]
    private readonly PatchEmbed3d _patchEmbed;

    [ComponentName(Name = "blocks")]
    private readonly ModuleList<Block> _blocks;

    [ComponentName(Name = "norm")]
    private readonly LayerNorm _norm;

    private readonly SinusoidTable _table;

    /// <summary>Creates the encoder with xavier-uniform Linears (the Conv3d keeps its default init).</summary>
    public PretrainEncoder(VideoVitConfig config)
        : base(nameof(PretrainEncoder))
    {
        Config = config;
        _patchEmbed = new PatchEmbed3d(config);
        _blocks = TransformerStack.CreateBlocks(config);
        _norm = LayerNorm(config.EmbedDim, config.LayerNormEps);
        _table = new SinusoidTable(config.NumTokens, config.EmbedDim);
        RegisterComponents();
        Initialization.XavierUniformLinears(this);
        Initialization.ResetLayerNorms(this);
    }

    /// <summary>The trunk shape.</summary>
    public VideoVitConfig Config { get; }

    /// <summary>The blocks (for layer ids and features).</summary>
    public ModuleList<Block> Blocks => _blocks;

    /// <summary>(B, C, T, H, W) and a (B, N) bool mask (true = masked) → normalised visible tokens (B, N_vis, D).</summary>
    public override Tensor forward(Tensor x, Tensor mask)
    {
        using var scope = NewDisposeScope();
        var tokens = TransformerStack.EmbedWithPositions(_patchEmbed, _table, x);
        var visible = Masks.SelectTokens(tokens, mask.logical_not());
        return _norm.forward(TransformerStack.Run(_blocks, visible)).MoveToOuterDisposeScope();
    }

    /// <summary>Encoder features without masking: all N tokens after the final norm, (B, N, D).</summary>
    public Tensor Features(Tensor x)
    {
        using var scope = NewDisposeScope();
        var tokens = TransformerStack.EmbedWithPositions(_patchEmbed, _table, x);
        return _norm.forward(TransformerStack.Run(_blocks, tokens)).MoveToOuterDisposeScope();
    }

    /// <summary>The last block's attention keys for the unmasked clip, (B, heads, N, d_h).</summary>
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
