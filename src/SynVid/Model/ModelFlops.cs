namespace SynVid.Model;

/// <summary>
/// Multiply-add FLOPs (2 per multiply-add) of the matrix products and the patch convolution, the work that dominates a
/// step; a training step counts 3× the forward (backward ≈ 2× forward), the usual convention for GFLOP/s figures.
/// </summary>
public static class ModelFlops
{
    /// <summary>Forward FLOPs of one block on <paramref name="tokens"/> tokens: qkv, proj, MLP, and the two attention products.</summary>
    public static double Block(VideoVitConfig c, long tokens)
    {
        double d = c.EmbedDim;
        double h = c.MlpHidden;
        return 2.0 * tokens * (3 * d * d + d * d + 2 * d * h) + 4.0 * tokens * tokens * d;
    }

    /// <summary>Forward FLOPs of the pre-training model for one clip with <paramref name="masked"/> masked tokens.</summary>
    public static double PretrainForward(PretrainConfig c, long masked)
    {
        var e = c.Encoder;
        long n = e.NumTokens;
        var visible = n - masked;
        var trunk = c.DecoderTrunk;
        var patch = 2.0 * n * e.EmbedDim * e.InChannels * e.TubeletSize * e.PatchSize * e.PatchSize;
        return patch
            + e.Depth * Block(e, visible)
            + 2.0 * visible * e.EmbedDim * c.DecoderEmbedDim
            + trunk.Depth * Block(trunk, n)
            + 2.0 * masked * c.DecoderEmbedDim * e.PatchDim;
    }

    /// <summary>FLOPs of a training step (forward + backward) on <paramref name="batch"/> clips.</summary>
    public static double PretrainStep(PretrainConfig c, long masked, int batch) => 3.0 * batch * PretrainForward(c, masked);

    /// <summary>Forward FLOPs of the fine-tuning classifier for one clip: patch embedding, every block on all tokens, the head.</summary>
    public static double ClassifierForward(ClassifierConfig c)
    {
        var e = c.Encoder;
        long n = e.NumTokens;
        var patch = 2.0 * n * e.EmbedDim * e.InChannels * e.TubeletSize * e.PatchSize * e.PatchSize;
        return patch + e.Depth * Block(e, n) + 2.0 * e.EmbedDim * c.NumClasses;
    }

    /// <summary>FLOPs of a fine-tuning step (forward + backward) on <paramref name="clips"/> clips.</summary>
    public static double ClassifierStep(ClassifierConfig c, int clips) => 3.0 * clips * ClassifierForward(c);
}
