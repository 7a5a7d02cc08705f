using Spectre.Console;

namespace SynVid.Cli;

/// <summary>
/// The one way a command shows Spectre.Console progress bars: the bars stay on screen when the work ends (no auto-clear,
/// completed tasks shown), in the columns the command picks from the sets here.
/// </summary>
public static class ProgressBars
{
    /// <summary>Description (left-aligned), bar, percentage, elapsed and remaining time: the columns of long runs.</summary>
    public static ProgressColumn[] Timed() =>
        [new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn()];

    /// <summary>Description, bar and percentage (Spectre's default set), to which a command may add columns.</summary>
    public static ProgressColumn[] Basic() => [new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn()];

    /// <summary><see cref="Basic"/> with the speed in <paramref name="unit"/>/s and the remaining time.</summary>
    public static ProgressColumn[] Rate(string unit) => [.. Basic(), new SpeedColumn(unit), new RemainingTimeColumn()];

    /// <summary>Runs <paramref name="work"/> with a progress display in <paramref name="columns"/>; it adds and advances its own tasks.</summary>
    public static void Start(ProgressColumn[] columns, Action<ProgressContext> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        AnsiConsole.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(columns)
            .Start(work);
    }

    /// <summary>Runs <paramref name="work"/> with one task of <paramref name="maxValue"/> units (its description is markup), which it advances.</summary>
    public static void Start(ProgressColumn[] columns, string description, double maxValue, Action<ProgressTask> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        Start(columns, ctx => work(ctx.AddTask(description, maxValue: maxValue)));
    }

    /// <summary>Runs <paramref name="work"/> with a bar of <paramref name="total"/> units that it advances through the progress it is given.</summary>
    public static void Run(string unit, int total, Action<IProgress<int>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        Start(Timed(), $"0/{total} {unit}", Math.Max(total, 1), task =>
        {
            work(new SynchronousProgress<int>(done =>
            {
                task.Value = done;
                task.Description = $"{done}/{total} {unit}";
            }));
            task.Value = task.MaxValue;
        });
    }
}
