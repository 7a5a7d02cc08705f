using System.CommandLine;
using System.Globalization;
using System.Reflection;
using SynVid.Runtime;

namespace SynVid.Cli;

/// <summary>
/// Turns an exception that reached the top level into what the user sees: a user error (also one wrapped by a worker
/// thread or a parallel loop) is one line and exit 2; anything else is one line naming a log file that holds the
/// stack trace, and exit 70. The log goes to the command's existing output folder (<c>--out</c> or
/// <c>--resume</c>) as error.log, else to the temp folder.
/// </summary>
public static class ErrorReport
{
    /// <summary>File name of the log in an output folder.</summary>
    public const string LogName = "error.log";

    /// <summary>The user error inside <paramref name="error"/>, looking through the wrappers of threads and parallel loops.</summary>
    public static UserInputException? AsUserError(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return Unwrap(error) as UserInputException;
    }

    /// <summary>Whether <paramref name="error"/> is a cancellation (Ctrl+C), possibly wrapped.</summary>
    public static bool IsCancellation(Exception error) => Unwrap(error) is OperationCanceledException;

    /// <summary>Prints the line for <paramref name="error"/> on stderr and returns the exit code.</summary>
    public static int Report(Exception error, ParseResult? parse, IReadOnlyList<string> args)
    {
        if (AsUserError(error) is { } user)
        {
            Console.Error.WriteLine($"synvid: {user.Message}");
            return ExitCodes.Usage;
        }
        if (IsCancellation(error))
        {
            Console.Error.WriteLine("synvid: cancelled");
            return ExitCodes.Cancelled;
        }
        var log = WriteLog(error, args, parse is null ? null : OutputFolderOf(parse));
        var where = log is null ? "no log could be written" : $"stack trace in {log}";
        Console.Error.WriteLine($"synvid: unexpected error: {OneLine(Unwrap(error).Message)} ({where}; please report it)");
        return ExitCodes.Unexpected;
    }

    /// <summary>
    /// Writes the log and returns its path: <paramref name="folder"/>/error.log when that folder exists and is
    /// writable, else a new file in the temp folder; null when neither can be written.
    /// </summary>
    public static string? WriteLog(Exception error, IReadOnlyList<string> args, string? folder)
    {
        ArgumentNullException.ThrowIfNull(error);
        var text = string.Create(CultureInfo.InvariantCulture,
            $"synvid {BuildInfo.Version}, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm:ss} UTC\ncommand: synvid {string.Join(' ', args)}\n\n{error}\n");
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var candidates = new List<string>();
        if (folder is not null && Directory.Exists(folder))
        {
            candidates.Add(Path.Combine(folder, LogName));
        }
        candidates.Add(Path.Combine(Path.GetTempPath(), $"synvid-error-{stamp}-{Environment.ProcessId}.log"));
        foreach (var path in candidates)
        {
            try
            {
                File.WriteAllText(path, text);
                return path;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // try the next place
            }
        }
        return null;
    }

    /// <summary>The folder given with --out (or --resume) when it exists; null otherwise.</summary>
    public static string? OutputFolderOf(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        foreach (var name in new[] { "--out", "--resume" })
        {
            var option = parse.CommandResult.Command.Options.FirstOrDefault(o => o.Name == name);
            var token = option is null ? null : parse.GetResult(option)?.Tokens.FirstOrDefault()?.Value;
            if (token is not null && Directory.Exists(token))
            {
                return Path.GetFullPath(token);
            }
        }
        return null;
    }

    // Worker threads, parallel loops and reflection wrap the exception that matters.
    private static Exception Unwrap(Exception error)
    {
        while (true)
        {
            switch (error)
            {
                case AggregateException aggregate:
                    var inner = aggregate.Flatten().InnerExceptions;
                    var first = inner.Select(Unwrap).FirstOrDefault(e => e is UserInputException) ?? inner.FirstOrDefault();
                    if (first is null)
                    {
                        return error;
                    }
                    error = first;
                    continue;
                case TargetInvocationException or TypeInitializationException when error.InnerException is { } wrapped:
                    error = wrapped;
                    continue;
                default:
                    return error;
            }
        }
    }

    private static string OneLine(string message) =>
        string.Join(' ', message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
