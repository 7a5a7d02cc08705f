namespace SynVid.Datasets.Specs;

/// <summary>The folders a dataset spec reads, so that no output is written into them (docs/errors.md).</summary>
public static class DatasetFolders
{
    /// <summary>The folder of <paramref name="spec"/>'s videos and lists; null for the built-in benchmark.</summary>
    public static string? Of(DatasetSpec spec) => spec switch
    {
        Ucf101Spec u => u.Root,
        Hmdb51Spec h => h.Root,
        CsvSpec c => c.Directory,
        FolderSpec f => f.Directory,
        MotionSpec m => m.Directory,
        _ => null,
    };

    /// <summary>
    /// The folder named by a spec as typed (<see cref="DatasetSpec"/> forms, <c>folder:DIR</c>, or a csv file's folder);
    /// null for generated data (<c>stage:</c>, <c>synaction</c>) and for text that is not a spec (the command reports it
    /// when it reads the data).
    /// </summary>
    public static string? OfText(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.StartsWith("stage:", StringComparison.Ordinal))
        {
            return null;
        }
        if (File.Exists(text))
        {
            return Path.GetDirectoryName(Path.GetFullPath(text));
        }
        try
        {
            return Of(DatasetSpec.Parse(text));
        }
        catch (UserInputException)
        {
            return null;
        }
    }
}
