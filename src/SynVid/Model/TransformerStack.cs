using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SynVid.Model;

/// <summary>Shared steps of the encoders: patch embedding plus the fixed table, the block stack, the last layer's keys.</summary>
internal static class TransformerStack
{
    internal static Tensor EmbedWithPositions(PatchEmbed3d patchEmbed, SinusoidTable table, Tensor x)
    {
        using var tokens = patchEmbed.forward(x);
        return tokens + table.On(tokens.device, tokens.dtype);
    }

    internal static Tensor Run(ModuleList<Block> blocks, Tensor x, int count = int.MaxValue)
    {
        using var scope = NewDisposeScope();
        var n = Math.Min(count, blocks.Count);
        for (var i = 0; i < n; i++)
        {
            x = blocks[i].forward(x);
        }
        return x.MoveToOuterDisposeScope();
    }

    /// <summary>Keys of the last block's attention for the embedded tokens (B, heads, N, d_h).</summary>
    internal static Tensor LastLayerKeys(ModuleList<Block> blocks, Tensor embedded)
    {
        if (blocks.Count == 0)
        {
            throw new InvalidOperationException("the model has no blocks, so it has no attention keys");
        }
        using var scope = NewDisposeScope();
        var before = Run(blocks, embedded, blocks.Count - 1);
        var last = blocks[blocks.Count - 1];
        return last.Attn.Keys(last.Norm1.forward(before)).MoveToOuterDisposeScope();
    }

    internal static ModuleList<Block> CreateBlocks(VideoVitConfig config) =>
        new([.. Enumerable.Range(0, config.Depth).Select(i => new Block(config, config.DropPathAt(i)))]);
}
