using System.Text.Json.Nodes;

namespace SynVid.Analysis.Progression;

/// <summary>
/// One entry of <see cref="ArmEncoders"/>: the pre-trained weights of one progression arm, with the run configuration
/// that made them, so that a progression can check they are what its own pre-training step would produce.
/// </summary>
/// <param name="Arm">Arm name (a stage name or <c>in-domain</c>).</param>
/// <param name="File">The checkpoint's file name, inside the encoders folder.</param>
/// <param name="Sha256">SHA-256 of the file, lower-case hex.</param>
/// <param name="PretrainLoss">The pre-training step's loss (mean over the last tenth of its steps).</param>
/// <param name="PretrainSeconds">Wall time of the pre-training step that made it.</param>
/// <param name="Config">The pre-training run's config.json, without the SynVid version and the bad-video policy.</param>
public sealed record ArmEncoder(string Arm, string File, string Sha256, double PretrainLoss, double PretrainSeconds, JsonObject Config)
{
    /// <summary>The seed of the pre-training run (its recipe's).</summary>
    public int Seed => Config["recipe"]?["seed"]?.GetValue<int>() ?? 0;
}
