using SynVid.Cli;
using SynVid.Concurrency;
using SynVid.Datasets;
using SynVid.Datasets.Specs;

namespace SynVid.Tests.Cli;

public sealed class ErrorReportTests
{
    [Fact]
    public void AnUnexpectedErrorIsOneLineWithItsStackTraceInTheOutputFolder()
    {
        using var folder = new TempFolder();
        var root = CliRoot.Create();
        var parse = root.Parse(["evaluate", "--checkpoint", "c.pth", "--data", "synaction", "--out", folder.Path]);
        var error = Console.Error;
        using var captured = new StringWriter();
        Console.SetError(captured);
        int code;
        try
        {
            code = ErrorReport.Report(Thrown(new NullReferenceException("a bug")), parse, ["evaluate"]);
        }
        finally
        {
            Console.SetError(error);
        }
        Assert.Equal(ExitCodes.Unexpected, code);
        var log = Path.Combine(folder.Path, ErrorReport.LogName);
        var line = Assert.Single(captured.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal($"synvid: unexpected error: a bug (stack trace in {log}; please report it)", line);
        var text = File.ReadAllText(log);
        Assert.Contains("NullReferenceException", text, StringComparison.Ordinal);
        Assert.Contains(nameof(Thrown), text, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutAnOutputFolderTheLogGoesToTheTempFolder()
    {
        var path = ErrorReport.WriteLog(new InvalidOperationException("x"), ["info"], folder: null);
        Assert.NotNull(path);
        try
        {
            Assert.StartsWith(Path.GetTempPath(), path, StringComparison.Ordinal);
            Assert.Contains("synvid-error-", path, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void UserErrorsWrappedByThreadsAndParallelLoopsStayUserErrors()
    {
        var bad = new BadVideoException("/v/a.mp4", "truncated");
        Assert.Same(bad, ErrorReport.AsUserError(new AggregateException(new AggregateException(bad))));
        Assert.Same(bad, ErrorReport.AsUserError(new AggregateException(new IOException("later"), bad)));
        Assert.Null(ErrorReport.AsUserError(new AggregateException(new IOException("disk"))));
        Assert.True(ErrorReport.IsCancellation(new AggregateException(new OperationCanceledException())));
    }

    [Fact]
    public void APrefetchedBadVideoReachesTheConsumerAsItself()
    {
        using var prefetcher = new OrderedPrefetcher<long>(i => i == 2 ? throw new BadVideoException("/v/b.mp4", "not a video") : i, 0, 2, 2);
        Assert.Equal(0, prefetcher.Take());
        Assert.Equal(1, prefetcher.Take());
        var e = Assert.Throws<BadVideoException>(() => prefetcher.Take());
        Assert.Equal("/v/b.mp4", e.Path);
    }

    private static Exception Thrown(Exception e)
    {
        try
        {
            throw e;
        }
        catch (Exception caught)
        {
            return caught;
        }
    }
}
