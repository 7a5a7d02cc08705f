namespace SynVid.Model;

/// <summary>
/// Parameter counts computed from a configuration without building the model (large and huge do not fit casually in
/// memory). The tests check them against the real modules and against docs/reference-behaviour.md §4.4.
/// </summary>
public static class ParameterCounts
{
    /// <summary>One pre-norm block: two LayerNorms, qkv (+ q and v biases), proj, the MLP, and layer scale if enabled.</summary>
    public static long Block(VideoVitConfig c)
    {
        long d = c.EmbedDim;
        long h = c.MlpHidden;
        return 4 * d + 3 * d * d + (c.QkvBias ? 2 * d : 0) + d * d + d + d * h + h + h * d + d + (c.InitValues > 0 ? 2 * d : 0);
    }

    /// <summary>Patch embedding plus the blocks.</summary>
    public static long Trunk(VideoVitConfig c) =>
        (long)c.EmbedDim * c.InChannels * c.TubeletSize * c.PatchSize * c.PatchSize + c.EmbedDim + c.Depth * Block(c);

    /// <summary>The pre-training encoder: trunk plus its final LayerNorm.</summary>
    public static long PretrainEncoder(PretrainConfig c) => Trunk(c.Encoder) + 2L * c.Encoder.EmbedDim;

    /// <summary>The decoder: blocks, LayerNorm and the pixel head.</summary>
    public static long PretrainDecoder(PretrainConfig c)
    {
        var trunk = c.DecoderTrunk;
        long d = trunk.EmbedDim;
        return trunk.Depth * Block(trunk) + 2 * d + d * c.Encoder.PatchDim + c.Encoder.PatchDim;
    }

    /// <summary>The whole pre-training model: encoder, decoder, encoder_to_decoder and mask_token.</summary>
    public static long Pretrain(PretrainConfig c) =>
        PretrainEncoder(c) + PretrainDecoder(c) + (long)c.Encoder.EmbedDim * c.DecoderEmbedDim + c.DecoderEmbedDim;

    /// <summary>The classifier: trunk, fc_norm and head.</summary>
    public static long Classifier(ClassifierConfig c) =>
        Trunk(c.Encoder) + 2L * c.Encoder.EmbedDim + (long)c.Encoder.EmbedDim * c.NumClasses + c.NumClasses;

    /// <summary>Parameters a built module actually holds.</summary>
    public static long Of(TorchSharp.torch.nn.Module module) => module.parameters().Sum(p => p.numel());
}
