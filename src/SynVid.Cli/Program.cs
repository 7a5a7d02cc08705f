using System.CommandLine;
using SynVid;
using SynVid.Cli;

// Thin entry point: parse, run, and turn user mistakes into one line on stderr with exit code 2.
var root = CliRoot.Create();
var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    Console.Error.WriteLine($"synvid: {parsed.Errors[0].Message} (run 'synvid --help' for usage)");
    return ExitCodes.Usage;
}
try
{
    return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (UserInputException e)
{
    Console.Error.WriteLine($"synvid: {e.Message}");
    return ExitCodes.Usage;
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("synvid: cancelled");
    return ExitCodes.Cancelled;
}
