using Spectre.Console;

namespace SynVid.Cli;

/// <summary>One Spectre.Console progress bar over a counted piece of work.</summary>
public static class ProgressBars
{
    /// <summary>Runs <paramref name="work"/> with a bar of <paramref name="total"/> units that it advances through the progress it is given.</summary>
    public static void Run(string unit, int total, Action<IProgress<int>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        AnsiConsole.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask($"0/{total} {unit}", maxValue: Math.Max(total, 1));
                work(new SynchronousProgress<int>(done =>
                {
                    task.Value = done;
                    task.Description = $"{done}/{total} {unit}";
                }));
                task.Value = task.MaxValue;
            });
    }
}
