using SynVid.Evaluation;
using SynVid.Model.Checkpoints;

namespace SynVid.Training;

/// <summary>What a fine-tuning or linear-probe run reports as it goes.</summary>
/// <param name="Phase">"features" (caching), "train", "validate" or "test".</param>
/// <param name="Done">Units done in this phase (steps, videos).</param>
/// <param name="Total">Units of this phase.</param>
/// <param name="Epoch">Current epoch (1-based when training).</param>
/// <param name="Loss">Last step's loss (NaN outside training).</param>
/// <param name="LearningRate">Last step's head lr (schedule × 1).</param>
/// <param name="ClipsPerSecond">Training throughput since the start of this invocation.</param>
/// <param name="ValidationTop1">Last validation top-1 in percent, if any.</param>
public sealed record DownstreamProgress(string Phase, long Done, long Total, int Epoch, double Loss, double LearningRate, double ClipsPerSecond, double? ValidationTop1);

/// <summary>The outcome of a fine-tuning or linear-probe run.</summary>
/// <param name="Config">The run's resolved config.</param>
/// <param name="StartEpoch">Epoch the run (or resume) started from (0-based count of completed epochs).</param>
/// <param name="Init">What loading the initial weights reported (null on resume or random init).</param>
/// <param name="LastLoss">Loss of the last step (NaN if none ran).</param>
/// <param name="ValidationTop1">Last validation top-1 (percent), if any.</param>
/// <param name="Test">The multi-view test result.</param>
/// <param name="TrainSeconds">Wall time of training (this invocation).</param>
/// <param name="TestSeconds">Wall time of the multi-view test.</param>
/// <param name="ClipsPerSecond">Training throughput (this invocation).</param>
/// <param name="FeatureSeconds">Linear probe with cached features: time to compute the cache.</param>
public sealed record DownstreamResult(
    FineTuneRunConfig Config, int StartEpoch, LoadReport? Init, double LastLoss, double? ValidationTop1, EvaluationResult Test,
    double TrainSeconds, double TestSeconds, double ClipsPerSecond, double? FeatureSeconds = null);
