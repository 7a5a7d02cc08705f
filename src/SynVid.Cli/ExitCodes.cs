namespace SynVid.Cli;

/// <summary>Process exit codes shared by every command (docs/errors.md).</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>The work itself failed (not the user's input), e.g. a training loss that became NaN.</summary>
    public const int Failure = 1;

    /// <summary>A usage error: unknown command or flag, bad value, missing or unreadable input, unusable --out.</summary>
    public const int Usage = 2;

    /// <summary>An unexpected error (a bug): one line on stderr, the stack trace in a log file.</summary>
    public const int Unexpected = 70;

    /// <summary>Interrupted by the user (Ctrl+C).</summary>
    public const int Cancelled = 130;
}
