namespace SynVid.Analysis.Progression;

/// <summary>What an arm pre-trains on.</summary>
public enum ArmKind
{
    /// <summary>No pre-training: fine-tuned and probed from random initialisation (the paper's lower bound).</summary>
    Scratch,

    /// <summary>A generator stage of the progression (docs/reference-behaviour.md §1.2).</summary>
    Stage,

    /// <summary>The downstream training split itself, labels ignored (the paper's UCF101 pre-training upper bound).</summary>
    InDomain,
}

/// <summary>One arm of a progression: its name (a stage name, <c>scratch</c> or <c>in-domain</c>; also its folder) and kind.</summary>
/// <param name="Name">Arm name.</param>
/// <param name="Kind">What it pre-trains on.</param>
public sealed record ProgressionArm(string Name, ArmKind Kind)
{
    /// <summary>Whether the arm has a pre-training step (and so a dataset to analyse).</summary>
    public bool Pretrains => Kind != ArmKind.Scratch;

    /// <summary>Whether the arm's pre-training data is a generated stage, whose properties the analysis step measures.</summary>
    public bool Analyses => Kind == ArmKind.Stage;
}
