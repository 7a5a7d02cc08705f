using static TorchSharp.torch;

namespace SynVid.Model;

/// <summary>
/// Token masks for pre-training (docs/reference-behaviour.md §4.6). Tube: per sample, shuffle a per-frame vector with ⌊ratio·HW⌋ ones
/// and tile it over the temporal slots, so mask[n] = m[n mod HW]. Random: ⌊ratio·N⌋ tokens anywhere. Every sample masks
/// the same count. Draws come from the caller's <see cref="Random"/>, so masks are a pure function of its seed.
/// </summary>
public sealed record MaskGenerator(VideoVitConfig Config, double MaskRatio = 0.75, MaskingKind Kind = MaskingKind.Tube)
{
    /// <summary>Masked tokens per sample: 1176 for ViT-B/16 at 16 × 224² and ratio 0.75 (§4.6).</summary>
    public int MaskedPerSample => Kind == MaskingKind.Tube
        ? (int)(MaskRatio * Config.TokensPerFrame) * Config.TemporalSlots
        : (int)(MaskRatio * Config.NumTokens);

    /// <summary>One sample's mask as booleans in token order (true = masked).</summary>
    public bool[] Sample(Random random)
    {
        if (MaskRatio is < 0 or > 1)
        {
            throw new UserInputException($"mask ratio must be in [0, 1], got {MaskRatio}");
        }
        var n = Config.NumTokens;
        var mask = new bool[n];
        if (Kind == MaskingKind.Tube)
        {
            var perFrame = Config.TokensPerFrame;
            var frame = Shuffled(perFrame, (int)(MaskRatio * perFrame), random);
            for (var i = 0; i < n; i++)
            {
                mask[i] = frame[i % perFrame];
            }
        }
        else
        {
            mask = Shuffled(n, (int)(MaskRatio * n), random);
        }
        return mask;
    }

    /// <summary>A (B, N) bool tensor of independent sample masks.</summary>
    public Tensor Batch(int batch, Random random, Device? device = null)
    {
        var n = Config.NumTokens;
        var all = new bool[checked(batch * n)];
        for (var b = 0; b < batch; b++)
        {
            Sample(random).CopyTo(all, b * n);
        }
        using var cpu = tensor(all, [batch, n]);
        return device is null ? cpu.clone() : cpu.to(device);
    }

    // A vector with `ones` true entries placed by a Fisher–Yates shuffle.
    private static bool[] Shuffled(int length, int ones, Random random)
    {
        var v = new bool[length];
        for (var i = length - ones; i < length; i++)
        {
            v[i] = true;
        }
        for (var i = length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (v[i], v[j]) = (v[j], v[i]);
        }
        return v;
    }
}
