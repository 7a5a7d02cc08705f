namespace SynVid.Analysis.Progression;

/// <summary>A fine-tuning top-1 difference between two arms that a scaling study follows with the pre-training budget.</summary>
/// <param name="Better">The arm expected to be better (e.g. in-domain).</param>
/// <param name="Worse">The arm it is compared with (e.g. scratch).</param>
public sealed record ScalingGap(string Better, string Worse)
{
    /// <summary>The gaps of issue-level interest: how much pre-training helps at all, and how much motion adds.</summary>
    public static IReadOnlyList<ScalingGap> Default { get; } =
    [
        new(PaperResults.InDomain, PaperResults.Scratch),
        new(Synthesis.Stages.MovingCircles.Name, Synthesis.Stages.StaticCircles.Name),
    ];

    /// <summary>"better − worse", as the report labels it.</summary>
    public string Label => $"{Better} − {Worse}";

    /// <summary>"better-minus-worse", as a csv value.</summary>
    public string Key => $"{Better}-minus-{Worse}";
}
