namespace SynVid.Analysis.Progression;

/// <summary>One row of the paper's ViT-B results (docs/reference-behaviour.md §8.1–§8.2), top-1 in percent.</summary>
/// <param name="Label">The paper's row label.</param>
/// <param name="Ucf101FineTune">UCF101 fine-tuning (Figure 2 / Table 1).</param>
/// <param name="Hmdb51FineTune">HMDB51 fine-tuning (Table 1).</param>
/// <param name="Ucf101LinearProbe">UCF101 linear probe (Table 1).</param>
public sealed record PaperRow(string Label, double Ucf101FineTune, double Hmdb51FineTune, double Ucf101LinearProbe);

/// <summary>The paper's ViT-B numbers by SynVid arm name (stage names, <c>scratch</c>, <c>in-domain</c>).</summary>
public static class PaperResults
{
    /// <summary>The arm trained from random initialisation.</summary>
    public const string Scratch = "scratch";

    /// <summary>The arm pre-trained on the downstream data's own training videos (the paper's UCF101 pre-training row).</summary>
    public const string InDomain = "in-domain";

    /// <summary>Rows by arm (docs/reference-behaviour.md §8.2 Table 1, ViT-B).</summary>
    public static IReadOnlyDictionary<string, PaperRow> ViTBase { get; } = new Dictionary<string, PaperRow>(StringComparer.Ordinal)
    {
        [Scratch] = new("Random init", 51.4, 18.2, 8.9),
        ["static-circles"] = new("Static circles", 67.8, 29.2, 13.2),
        ["moving-circles"] = new("Moving circles", 85.2, 52.0, 15.5),
        ["moving-shapes"] = new("Moving shapes", 86.9, 56.1, 20.4),
        ["transforming-shapes"] = new("Moving & transforming shapes", 87.7, 57.6, 18.8),
        ["accelerating-shapes"] = new("Acc. & transforming shapes", 88.1, 58.9, 18.9),
        ["accelerating-textures"] = new("Acc. & transforming textures", 89.4, 62.4, 20.9),
        ["accelerating-stylegan"] = new("Acc. & transforming StyleGAN crops", 90.2, 64.1, 25.2),
        ["accelerating-image-crops"] = new("Acc. & transforming image crops", 91.3, 64.1, 24.8),
        [InDomain] = new("UCF101 (pre-trained)", 91.3, 63.0, 48.0),
    };

    /// <summary>
    /// Share of the scratch-to-upper-bound gap an arm closes, (model − scratch)/(upper − scratch) in percent
    /// (docs/reference-behaviour.md §8.6); NaN when the bound does not exceed scratch.
    /// </summary>
    public static double GapClosed(double model, double scratch, double upper) =>
        upper > scratch ? 100.0 * (model - scratch) / (upper - scratch) : double.NaN;
}
