namespace SynVid.Model;

/// <summary>
/// Named model widths. small/base/large/huge are the reference's registered `*_patch16_224` models (docs/reference-behaviour.md §4.4);
/// tiny is a SynVid size for CPU work (ViT-Ti widths: 192 / 12 / 3, decoder 96 / 3).
/// </summary>
public sealed record ModelSize(string Name, int EmbedDim, int Depth, int NumHeads, int DecoderEmbedDim, int DecoderNumHeads)
{
    /// <summary>ViT-Ti widths (not a reference model).</summary>
    public static ModelSize Tiny { get; } = new("tiny", 192, 12, 3, 96, 3);

    /// <summary>§4.4 small: 384 / 12 / 6, decoder 192 / 3.</summary>
    public static ModelSize Small { get; } = new("small", 384, 12, 6, 192, 3);

    /// <summary>§4.4 base: 768 / 12 / 12, decoder 384 / 6.</summary>
    public static ModelSize Base { get; } = new("base", 768, 12, 12, 384, 6);

    /// <summary>§4.4 large: 1024 / 24 / 16, decoder 512 / 8.</summary>
    public static ModelSize Large { get; } = new("large", 1024, 24, 16, 512, 8);

    /// <summary>§4.4 huge: 1280 / 32 / 16, decoder 640 / 8.</summary>
    public static ModelSize Huge { get; } = new("huge", 1280, 32, 16, 640, 8);

    /// <summary>Every named size.</summary>
    public static IReadOnlyList<ModelSize> All { get; } = [Tiny, Small, Base, Large, Huge];

    /// <summary>Looks a size up by name (case-insensitive); throws a <see cref="UserInputException"/> listing the names.</summary>
    public static ModelSize Parse(string name) =>
        All.FirstOrDefault(s => string.Equals(s.Name, name.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new UserInputException($"unknown model size '{name}'; known: {string.Join(", ", All.Select(s => s.Name))}");

    /// <summary>An encoder trunk of this size on top of <paramref name="shape"/> (its frames, image, patch and tubelet).</summary>
    public VideoVitConfig Trunk(VideoVitConfig? shape = null) => (shape ?? new VideoVitConfig()) with
    {
        EmbedDim = EmbedDim,
        Depth = Depth,
        NumHeads = NumHeads,
    };

    /// <summary>A pre-training configuration of this size (decoder depth 4 as in every reference script).</summary>
    public PretrainConfig Pretrain(VideoVitConfig? shape = null, int decoderDepth = 4) => new()
    {
        Encoder = Trunk(shape),
        DecoderEmbedDim = DecoderEmbedDim,
        DecoderDepth = decoderDepth,
        DecoderNumHeads = DecoderNumHeads,
    };

    /// <summary>A classifier configuration of this size with the fine-tuning drop path (§4.8: linspace(0, 0.2, depth)).</summary>
    public ClassifierConfig Classifier(int numClasses, VideoVitConfig? shape = null, double dropPathRate = ClassifierConfig.FineTuneDropPath) => new()
    {
        Encoder = Trunk(shape) with { DropPathRate = dropPathRate },
        NumClasses = numClasses,
    };
}
