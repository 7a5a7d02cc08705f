using System.Diagnostics;
using System.Text;

namespace SynVid.Video;

/// <summary>
/// One running ffmpeg/ffprobe process with redirected pipes. Standard error is drained in the background and only its
/// tail is kept, so a chatty process can never block on a full stderr pipe and error messages stay short.
/// </summary>
internal sealed class FfmpegProcess : IDisposable
{
    private const int StderrTailChars = 4000;

    private readonly Process _process;
    private readonly Thread _stderrPump;
    private readonly StringBuilder _stderrTail = new();
    private bool _disposed;

    private FfmpegProcess(Process process)
    {
        _process = process;
        // A dedicated thread, not the thread pool: the pump blocks for the process's lifetime, and many parallel readers
        // would otherwise starve the pool.
        _stderrPump = new Thread(PumpStderr) { IsBackground = true, Name = "ffmpeg stderr" };
        _stderrPump.Start();
    }

    /// <summary>The process's standard input (only when started with <c>redirectInput</c>).</summary>
    public Stream StandardInput => _process.StandardInput.BaseStream;

    /// <summary>The process's standard output as raw bytes.</summary>
    public Stream StandardOutput => _process.StandardOutput.BaseStream;

    /// <summary>Starts <paramref name="tool"/> (`ffmpeg` or `ffprobe`) with the given arguments; no shell is involved.</summary>
    public static FfmpegProcess Start(string tool, IEnumerable<string> arguments, bool redirectInput = false)
    {
        var info = new ProcessStartInfo(Ffmpeg.Require(tool))
        {
            RedirectStandardInput = redirectInput,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {info.FileName}");
        return new FfmpegProcess(process);
    }

    /// <summary>Runs a tool to completion and returns (exit code, stdout text, stderr tail).</summary>
    public static (int ExitCode, string StdOut, string StdErrTail) Run(string tool, IEnumerable<string> arguments)
    {
        using var p = Start(tool, arguments);
        var stdout = new StreamReader(p.StandardOutput, Encoding.UTF8).ReadToEnd();
        var exitCode = p.WaitForExit();
        return (exitCode, stdout, p.StderrTail());
    }

    /// <summary>Waits for the process to exit (and for its stderr to be fully drained) and returns its exit code.</summary>
    public int WaitForExit()
    {
        _process.WaitForExit();
        _stderrPump.Join();
        return _process.ExitCode;
    }

    /// <summary>Whether the process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The last few thousand characters the process wrote to stderr, trimmed.</summary>
    public string StderrTail()
    {
        lock (_stderrTail)
        {
            return _stderrTail.ToString().Trim();
        }
    }

    /// <summary>Kills the process if it still runs and waits until it is gone.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
            _process.WaitForExit();
        }
        catch (InvalidOperationException)
        {
            // Already exited and reaped.
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        Kill();
        _stderrPump.Join(TimeSpan.FromSeconds(5));
        _process.Dispose();
    }

    private void PumpStderr()
    {
        var reader = _process.StandardError;
        var buffer = new char[1024];
        int read;
        while ((read = ReadOrEnd(reader, buffer)) > 0)
        {
            lock (_stderrTail)
            {
                _stderrTail.Append(buffer, 0, read);
                if (_stderrTail.Length > 2 * StderrTailChars)
                {
                    _stderrTail.Remove(0, _stderrTail.Length - StderrTailChars);
                }
            }
        }
    }

    private static int ReadOrEnd(StreamReader reader, char[] buffer)
    {
        try
        {
            return reader.Read(buffer, 0, buffer.Length);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The pipe closes abruptly when the process is killed.
            return 0;
        }
    }
}
