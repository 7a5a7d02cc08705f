using System.Diagnostics;
using SynVid.Evaluation.Perturbations;

namespace SynVid.Evaluation.Robustness;

/// <summary>Accuracy of the test set under one cell's condition.</summary>
/// <param name="Top1">Top-1, percent.</param>
/// <param name="Top5">Top-5, percent.</param>
/// <param name="NumVideos">Videos evaluated.</param>
public sealed record CellAccuracy(double Top1, double Top5, int NumVideos);

/// <summary>Evaluates the cells of one checkpoint; the model stays loaded from the first cell to <see cref="IDisposable.Dispose"/>.</summary>
public interface ICellEvaluator : IDisposable
{
    /// <summary>
    /// Evaluates the test set clean (<paramref name="perturbation"/> null) or perturbed at <paramref name="severity"/>;
    /// reports the number of videos finished so far in this cell.
    /// </summary>
    CellAccuracy Evaluate(IPerturbation? perturbation, int severity, IProgress<int>? videosDone, CancellationToken cancel);
}

/// <summary>Where a run stands, for a progress bar over the whole grid.</summary>
/// <param name="Cell">The cell being evaluated.</param>
/// <param name="VideosDone">Videos finished over all cells of this run that needed computing.</param>
/// <param name="VideosTotal">Videos of all cells of this run that need computing.</param>
public sealed record RobustnessProgress(RobustnessCell Cell, long VideosDone, long VideosTotal);

/// <summary>What a run did.</summary>
/// <param name="Results">Every cell's result (computed now or reused).</param>
/// <param name="Computed">Cells computed by this run.</param>
/// <param name="Reused">Cells found finished in the store.</param>
public sealed record RobustnessRunOutcome(IReadOnlyDictionary<RobustnessCell, CellResult> Results, int Computed, int Reused);

/// <summary>
/// Runs a robustness grid resumably: cells already in the store are reused, the others are evaluated checkpoint by
/// checkpoint (each checkpoint is loaded only if one of its cells is missing) and saved as soon as each finishes.
/// </summary>
public static class RobustnessRunner
{
    /// <summary>Evaluates every missing cell of <paramref name="plan"/>.</summary>
    /// <param name="plan">The grid.</param>
    /// <param name="store">Finished cells.</param>
    /// <param name="open">Loads a checkpoint for evaluation.</param>
    /// <param name="videosPerCell">Test videos per cell (for the progress total).</param>
    /// <param name="progress">Optional progress over the grid.</param>
    /// <param name="cancel">Stops between (and, through the evaluator, within) cells; finished cells stay saved.</param>
    public static RobustnessRunOutcome Run(
        RobustnessPlan plan, RobustnessCellStore store, Func<NamedCheckpoint, ICellEvaluator> open, int videosPerCell,
        IProgress<RobustnessProgress>? progress = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(open);
        var results = new Dictionary<RobustnessCell, CellResult>();
        var pending = new List<RobustnessCell>();
        foreach (var cell in plan.Cells)
        {
            if (store.TryLoad(cell) is { } stored)
            {
                results[cell] = stored;
            }
            else
            {
                pending.Add(cell);
            }
        }
        var total = (long)pending.Count * videosPerCell;
        long finished = 0;
        foreach (var group in pending.GroupBy(c => c.Checkpoint))
        {
            using var evaluator = open(group.Key);
            foreach (var cell in group)
            {
                cancel.ThrowIfCancellationRequested();
                progress?.Report(new RobustnessProgress(cell, finished, total));
                var before = finished;
                var inCell = progress is null ? null : new CellProgress(done =>
                    progress.Report(new RobustnessProgress(cell, before + Math.Min(done, videosPerCell), total)));
                var clock = Stopwatch.StartNew();
                var accuracy = evaluator.Evaluate(cell.Perturbation, cell.Severity, inCell, cancel);
                var result = new CellResult(cell.Checkpoint.Name, cell.Checkpoint.Path, cell.TypeKey, cell.Severity,
                    accuracy.Top1, accuracy.Top5, accuracy.NumVideos, clock.Elapsed.TotalSeconds, store.Settings);
                store.Save(cell, result);
                results[cell] = result;
                finished += videosPerCell;
                progress?.Report(new RobustnessProgress(cell, finished, total));
            }
        }
        return new RobustnessRunOutcome(results, pending.Count, plan.Cells.Count - pending.Count);
    }

    /// <summary>Forwards progress on the reporting thread.</summary>
    private sealed class CellProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
