namespace SynVid.Model.Checkpoints;

/// <summary>What a non-strict load left out: model keys the checkpoint lacked, checkpoint keys the model lacks.</summary>
public sealed record LoadReport(IReadOnlyList<string> Missing, IReadOnlyList<string> Unexpected)
{
    /// <summary>Whether every key matched.</summary>
    public bool Exact => Missing.Count == 0 && Unexpected.Count == 0;
}
