using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace SynVid.Serialization;

/// <summary>
/// Files and folders that appear whole or not at all: each is written under a temporary name in the same folder,
/// <c>NAME.synvid-tmp-PID-RANDOM</c>, and renamed into place, so a process killed at any moment leaves either the
/// previous version or a temporary that <see cref="CleanStale"/> later removes. (Protects against killed processes,
/// not power loss: nothing is synced to disk.)
/// </summary>
public static class AtomicFile
{
    /// <summary>What every temporary name holds, between the final name and the writer's process id.</summary>
    public const string Marker = ".synvid-tmp-";

    // Process start times and file times come from different clocks; a writer is trusted within this slack.
    private static readonly TimeSpan _clockSlack = TimeSpan.FromSeconds(2);

    /// <summary>A fresh temporary name for <paramref name="path"/>, in its folder.</summary>
    public static string TempPathFor(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var pid = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        return Path.GetFullPath(path) + Marker + pid + "-" + Guid.NewGuid().ToString("N")[..8];
    }

    /// <summary>Whether <paramref name="path"/> is a temporary name of this class.</summary>
    public static bool IsTemporary(string path) => Path.GetFileName(path).Contains(Marker, StringComparison.Ordinal);

    /// <summary>Writes <paramref name="text"/> (UTF-8, as <see cref="File.WriteAllText(string, string)"/>) to <paramref name="path"/>.</summary>
    public static void WriteAllText(string path, string text) => WriteFile(path, temp => File.WriteAllText(temp, text));

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/>.</summary>
    public static void WriteAllBytes(string path, byte[] bytes) => WriteFile(path, temp => File.WriteAllBytes(temp, bytes));

    /// <summary>Writes <paramref name="path"/> through a stream that <paramref name="write"/> fills (and must not close).</summary>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        WriteFile(path, temp =>
        {
            using var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            write(stream);
        });
    }

    /// <summary>
    /// Writes <paramref name="path"/> by letting <paramref name="writeFile"/> create the whole file at the temporary path
    /// it is given (for writers that take a path), then renames it over <paramref name="path"/>.
    /// </summary>
    public static void WriteFile(string path, Action<string> writeFile)
    {
        ArgumentNullException.ThrowIfNull(writeFile);
        var temp = TempPathFor(path);
        try
        {
            writeFile(temp);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            TryDelete(temp);
        }
    }

    /// <summary>
    /// Creates the folder <paramref name="folder"/> with what <paramref name="fill"/> writes into the empty temporary
    /// folder it is given, then renames it into place; an existing folder of that name is replaced.
    /// </summary>
    public static void WriteFolder(string folder, Action<string> fill)
    {
        ArgumentNullException.ThrowIfNull(fill);
        var temp = TempPathFor(folder);
        Directory.CreateDirectory(temp);
        try
        {
            fill(temp);
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
            Directory.Move(temp, folder);
        }
        finally
        {
            TryDelete(temp);
        }
    }

    /// <summary>
    /// Deletes the temporaries in <paramref name="folder"/> (not below it) whose writer is no longer running: what
    /// killed runs left behind. Temporaries of running processes, this one included, are kept. Returns how many went.
    /// </summary>
    public static int CleanStale(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return 0;
        }
        var removed = 0;
        foreach (var entry in Directory.EnumerateFileSystemEntries(folder, "*" + Marker + "*"))
        {
            if (!WriterIsRunning(entry) && TryDelete(entry))
            {
                removed++;
            }
        }
        return removed;
    }

    // The writer is the process named in the temporary name, if it is alive and was started before the entry was
    // last written (a later start means the id has been reused).
    private static bool WriterIsRunning(string entry)
    {
        var name = Path.GetFileName(entry);
        var rest = name.AsSpan(name.LastIndexOf(Marker, StringComparison.Ordinal) + Marker.Length);
        var dash = rest.IndexOf('-');
        if (dash <= 0 || !int.TryParse(rest[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            return false;
        }
        try
        {
            using var process = Process.GetProcessById(pid);
            var written = Directory.Exists(entry) ? Directory.GetLastWriteTimeUtc(entry) : File.GetLastWriteTimeUtc(entry);
            return process.StartTime.ToUniversalTime() <= written + _clockSlack;
        }
        catch (ArgumentException)
        {
            return false; // no such process
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            return true; // cannot tell: keep it
        }
    }

    private static bool TryDelete(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
                return true;
            }
            if (File.Exists(path))
            {
                File.Delete(path);
                return true;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover temporary never carries a final name, and a later CleanStale retries it.
        }
        return false;
    }
}
