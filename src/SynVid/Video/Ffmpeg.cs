using System.Diagnostics;

namespace SynVid.Video;

/// <summary>Finds the system ffmpeg/ffprobe executables and reports how to install them when missing.</summary>
public static class Ffmpeg
{
    /// <summary>The install hint shown whenever ffmpeg is needed and missing.</summary>
    public const string InstallHint =
        "ffmpeg was not found on PATH (or in SYNVID_FFMPEG). Install it: `sudo apt-get install ffmpeg` (Debian/Ubuntu), " +
        "`brew install ffmpeg` (macOS), `winget install ffmpeg` (Windows).";

    /// <summary>Full path of an executable (`ffmpeg` or `ffprobe`) or null. SYNVID_FFMPEG may name the ffmpeg binary or its folder.</summary>
    public static string? Locate(string tool = "ffmpeg")
    {
        var exe = OperatingSystem.IsWindows() ? tool + ".exe" : tool;
        var overridePath = Environment.GetEnvironmentVariable("SYNVID_FFMPEG");
        if (!string.IsNullOrWhiteSpace(overridePath))
        {
            var dir = Directory.Exists(overridePath) ? overridePath : Path.GetDirectoryName(overridePath);
            if (dir is not null && File.Exists(Path.Combine(dir, exe)))
            {
                return Path.Combine(dir, exe);
            }
        }
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, exe);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    /// <summary>The path of a tool, or a <see cref="UserInputException"/> that says how to install it.</summary>
    public static string Require(string tool = "ffmpeg") => Locate(tool) ?? throw new UserInputException(InstallHint);

    /// <summary>The first line of `ffmpeg -version` ("ffmpeg version 5.1.6-0+deb12u1 ..."), or null when ffmpeg is missing.</summary>
    public static string? Version()
    {
        var path = Locate();
        if (path is null)
        {
            return null;
        }
        using var process = Process.Start(new ProcessStartInfo(path, "-hide_banner -version")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        });
        if (process is null)
        {
            return null;
        }
        var first = process.StandardOutput.ReadLine();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var copyright = first?.IndexOf(" Copyright", StringComparison.Ordinal) ?? -1;
        return copyright > 0 ? first![..copyright] : first;
    }
}
