namespace SynVid.Datasets.Specs;

/// <summary>
/// Resolves relative video paths under a root, falling back to a case-insensitive match per path component: the
/// official UCF101 lists spell some names differently from the files (e.g. "HandStandPushups" vs "HandstandPushups").
/// </summary>
internal sealed class PathResolver(string root)
{
    private readonly Dictionary<string, Dictionary<string, string>> _listings = new(StringComparer.Ordinal);

    /// <summary>The absolute path of <paramref name="relative"/> (as it exists when a case-insensitive match exists).</summary>
    public string Resolve(string relative)
    {
        var exact = Path.GetFullPath(Path.Combine(root, relative));
        if (File.Exists(exact))
        {
            return exact;
        }
        var current = Path.GetFullPath(root);
        foreach (var part in relative.Split('/', '\\', StringSplitOptions.RemoveEmptyEntries))
        {
            var match = Listing(current).GetValueOrDefault(part);
            if (match is null)
            {
                return exact;
            }
            current = Path.Combine(current, match);
        }
        return current;
    }

    private Dictionary<string, string> Listing(string directory)
    {
        if (!_listings.TryGetValue(directory, out var listing))
        {
            listing = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (Directory.Exists(directory))
            {
                foreach (var entry in Directory.EnumerateFileSystemEntries(directory))
                {
                    listing.TryAdd(Path.GetFileName(entry), Path.GetFileName(entry));
                }
            }
            _listings[directory] = listing;
        }
        return listing;
    }
}
