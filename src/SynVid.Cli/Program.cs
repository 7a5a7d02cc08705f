using System.CommandLine;
using SynVid.Cli;

// Thin entry point: parse, run, and turn every failure into one line on stderr (docs/errors.md): a user mistake exits
// with 2, an unexpected error with 70 and its stack trace in a log file, never with an abort signal.
var root = CliRoot.Create();
var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    Console.Error.WriteLine($"synvid: {ParseErrorText.Of(parsed)} (run 'synvid --help' for usage)");
    return ExitCodes.Usage;
}

// A failure on a thread nobody waits for would otherwise abort the process (exit 134).
AppDomain.CurrentDomain.UnhandledException += (_, e) =>
{
    if (e.ExceptionObject is Exception error)
    {
        Environment.Exit(ErrorReport.Report(error, parsed, args));
    }
};
try
{
    return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception e)
{
    return ErrorReport.Report(e, parsed, args);
}
