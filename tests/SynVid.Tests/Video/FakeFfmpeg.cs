namespace SynVid.Tests.Video;

/// <summary>
/// Points SYNVID_FFMPEG (and PATH) at a folder while alive, to simulate a failing or missing ffmpeg. Tests run one at a
/// time, so the process-wide environment change cannot leak into other tests.
/// </summary>
internal sealed class FakeFfmpeg : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly string? _oldOverride = Environment.GetEnvironmentVariable("SYNVID_FFMPEG");
    private readonly string? _oldPath = Environment.GetEnvironmentVariable("PATH");

    private FakeFfmpeg(string? script)
    {
        if (script is not null)
        {
            var path = _folder.File("ffmpeg");
            File.WriteAllText(path, "#!/bin/sh\n" + script + "\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
        Environment.SetEnvironmentVariable("SYNVID_FFMPEG", _folder.Path);
        Environment.SetEnvironmentVariable("PATH", _folder.Path);
    }

    /// <summary>An ffmpeg that runs the given shell script instead of encoding.</summary>
    public static FakeFfmpeg Script(string script) => new(script);

    /// <summary>No ffmpeg or ffprobe anywhere.</summary>
    public static FakeFfmpeg Missing() => new(null);

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("SYNVID_FFMPEG", _oldOverride);
        Environment.SetEnvironmentVariable("PATH", _oldPath);
        _folder.Dispose();
    }
}
