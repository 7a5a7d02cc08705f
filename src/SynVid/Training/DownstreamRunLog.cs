using System.Diagnostics;
using SynVid.Reporting;

namespace SynVid.Training;

/// <summary>
/// The bookkeeping that fine-tuning and linear probing share: <c>metrics.csv</c> (one row per optimiser step),
/// <c>validation.csv</c> (one row per validated epoch), TensorBoard scalars, throughput, the epoch's mean loss and
/// progress reports. Opened at the step a run starts or resumes from, so the files continue where they stopped.
/// </summary>
public sealed class DownstreamRunLog : IDisposable
{
    private readonly MetricsCsv _metrics;
    private readonly MetricsCsv _validation;
    private readonly TensorBoardEventWriter _events;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly IProgress<DownstreamProgress>? _progress;
    private readonly long _startStep;
    private readonly long _totalSteps;
    private readonly int _perEpoch;
    private double _epochLoss;

    /// <summary>Opens (or continues) the logs of the run in <paramref name="runDirectory"/>.</summary>
    public DownstreamRunLog(string runDirectory, long startStep, long totalSteps, int perEpoch, IProgress<DownstreamProgress>? progress)
    {
        _metrics = MetricsCsv.Open(Path.Combine(runDirectory, "metrics.csv"), FineTuner.MetricColumns, resumeStep: startStep + 1);
        _validation = MetricsCsv.Open(Path.Combine(runDirectory, "validation.csv"), FineTuner.ValidationColumns, resumeStep: startStep + 1);
        _events = new TensorBoardEventWriter(Path.Combine(runDirectory, "tensorboard"));
        _startStep = startStep;
        _totalSteps = totalSteps;
        _perEpoch = perEpoch;
        _progress = progress;
    }

    /// <summary>Training clips seen since the run (re)started.</summary>
    public long ClipsDone { get; private set; }

    /// <summary>Loss of the last step.</summary>
    public double LastLoss { get; private set; } = double.NaN;

    /// <summary>The latest validation top-1, if any.</summary>
    public double? Top1 { get; private set; }

    /// <summary>Training clips per second since the run (re)started.</summary>
    public double ClipsPerSecond { get; private set; }

    /// <summary>Seconds since the run (re)started.</summary>
    public double Seconds => _clock.Elapsed.TotalSeconds;

    /// <summary>
    /// Records optimiser step <paramref name="done"/> (1-based) of epoch <paramref name="epoch"/> (0-based);
    /// returns whether it ends an epoch.
    /// </summary>
    public bool Step(long done, int epoch, double loss, double lr, long clips, TimeSpan dataWait)
    {
        ClipsDone += clips;
        LastLoss = loss;
        _epochLoss += loss;
        var seconds = Math.Max(Seconds, 1e-9);
        ClipsPerSecond = ClipsDone / seconds;
        _metrics.Append(done, epoch + 1, loss, lr, ClipsPerSecond, dataWait.TotalSeconds / seconds);
        _events.WriteScalars(done, [("train/loss", (float)loss), ("train/lr", (float)lr), ("perf/clips_per_s", (float)ClipsPerSecond)]);
        _progress?.Report(new DownstreamProgress("train", done, _totalSteps, epoch + 1, loss, lr, ClipsPerSecond, Top1));
        return done % _perEpoch == 0;
    }

    /// <summary>The mean training loss of the epoch that ended at <paramref name="done"/> (of its steps run since a resume).</summary>
    public double EndEpoch(long done)
    {
        var mean = _epochLoss / Math.Min(_perEpoch, done - _startStep);
        _epochLoss = 0;
        return mean;
    }

    /// <summary>Whether the recipe validates after epoch <paramref name="epoch"/> (0-based) ending at step <paramref name="done"/>.</summary>
    public bool Validates(FineTuneRecipe recipe, int epoch, long done) =>
        recipe.ValidateEvery > 0 && ((epoch + 1) % recipe.ValidateEvery == 0 || done == _totalSteps);

    /// <summary>Progress of a validation pass over <paramref name="videos"/> videos after epoch <paramref name="epoch"/>.</summary>
    public IProgress<int> ValidationProgress(int epoch, int videos, double lr) =>
        new InlineProgress<int>(v => _progress?.Report(new DownstreamProgress("validate", v, videos, epoch + 1, LastLoss, lr, ClipsPerSecond, Top1)));

    /// <summary>Records a validation result.</summary>
    public void Validated(long done, int epoch, double top1, double trainLoss)
    {
        Top1 = top1;
        _validation.Append(done, epoch + 1, top1, trainLoss);
        _events.WriteScalars(done, [("val/top1", (float)top1), ("train/epoch_loss", (float)trainLoss)]);
    }

    /// <summary>Progress of the final test over <paramref name="videos"/> videos.</summary>
    public IProgress<int> TestProgress(int epochs, int videos) =>
        new InlineProgress<int>(v => _progress?.Report(new DownstreamProgress("test", v, videos, epochs, LastLoss, 0, 0, Top1)));

    /// <inheritdoc />
    public void Dispose()
    {
        _metrics.Dispose();
        _validation.Dispose();
        _events.Dispose();
    }
}
