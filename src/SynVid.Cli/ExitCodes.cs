namespace SynVid.Cli;

/// <summary>Process exit codes shared by every command.</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>The work itself failed (not the user's input).</summary>
    public const int Failure = 1;

    /// <summary>A usage error: unknown command or flag, bad value, missing or unreadable input.</summary>
    public const int Usage = 2;

    /// <summary>Interrupted by the user (Ctrl+C).</summary>
    public const int Cancelled = 130;
}
