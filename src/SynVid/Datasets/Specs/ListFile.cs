namespace SynVid.Datasets.Specs;

/// <summary>Reads annotation files line by line with "file:line" locations for messages.</summary>
internal static class ListFile
{
    /// <summary>Non-blank lines of a file with their 1-based numbers, trimmed (a BOM and \r are dropped).</summary>
    public static IEnumerable<(int Line, string Text, string Where)> Lines(string dataset, string path)
    {
        if (!File.Exists(path))
        {
            throw new UserInputException($"{dataset}: list file not found: {path}");
        }
        var n = 0;
        foreach (var raw in File.ReadLines(path))
        {
            n++;
            var text = raw.Trim().TrimStart('\uFEFF');
            if (text.Length > 0)
            {
                yield return (n, text, $"{path}:{n}");
            }
        }
    }

    /// <summary>The first existing directory among the candidates, or an error listing where it looked.</summary>
    public static string FindDirectory(string dataset, string what, IEnumerable<string> candidates, Func<string, bool> accepts)
    {
        var tried = new List<string>();
        foreach (var candidate in candidates)
        {
            var full = Path.GetFullPath(candidate);
            if (Directory.Exists(full) && accepts(full))
            {
                return full;
            }
            tried.Add(full);
        }
        throw new UserInputException($"{dataset}: {what} not found (looked in {string.Join(", ", tried)}; give the folder with --splits DIR)");
    }

    /// <summary>Throws unless <paramref name="root"/> is an existing directory.</summary>
    public static string RequireDirectory(string dataset, string root, string what)
    {
        var full = Path.GetFullPath(root);
        if (!Directory.Exists(full))
        {
            throw new UserInputException($"{dataset}: {what} '{root}' is not a directory");
        }
        return full;
    }
}
