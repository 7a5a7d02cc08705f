namespace SynVid.Datasets.Specs;

/// <summary>The names of a dataset's splits, as <c>--split</c> and skipped.csv spell them.</summary>
public static class SplitNames
{
    /// <summary>The training split.</summary>
    public const string Train = "train";

    /// <summary>The validation split.</summary>
    public const string Validation = "val";

    /// <summary>The test split.</summary>
    public const string Test = "test";

    /// <summary>Every split.</summary>
    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal) { Train, Validation, Test };

    /// <summary>The given splits as a set.</summary>
    public static IReadOnlySet<string> Of(params string[] splits) => new HashSet<string>(splits, StringComparer.Ordinal);
}
