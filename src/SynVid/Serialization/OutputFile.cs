namespace SynVid.Serialization;

/// <summary>
/// The check of an output file (<c>--out FILE</c>) made before any work, with the rules of <see cref="OutputFolder"/>:
/// not a folder, not an input, not inside an input folder, its folder creatable and writable, and an existing file
/// replaced only with <c>--force</c>.
/// </summary>
public static class OutputFile
{
    /// <summary>Checks <paramref name="path"/>, creates its folder and returns its full path.</summary>
    public static string Prepare(string path, bool force, IEnumerable<string?> inputs)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(inputs);
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full) || Path.EndsInDirectorySeparator(path))
        {
            throw new UserInputException($"--out {full} is a folder; give a file name");
        }
        var given = OutputFolder.FullPaths(inputs);
        if (given.Contains(full, StringComparer.Ordinal))
        {
            throw new UserInputException($"--out {full} is an input of this command; write to another file");
        }
        OutputFolder.RefuseInsideInput(full, given);
        var folder = Path.GetDirectoryName(full)!;
        OutputFolder.RequireWritable(folder, full);
        if (File.Exists(full) && !force)
        {
            throw new UserInputException($"--out {full} already exists; add --force to overwrite it");
        }
        Directory.CreateDirectory(folder);
        return full;
    }
}
