using SynVid.Datasets.Specs;

namespace SynVid.Analysis.Data;

/// <summary>Opens an analysis dataset spec.</summary>
public static class VideoCollections
{
    /// <summary>The accepted forms.</summary>
    public const string Forms = "stage:NAME[,key=value...], folder:DIR, ucf101:ROOT[:SPLIT], hmdb51:ROOT[:SPLIT], csv:DIR or synaction";

    /// <summary>
    /// <c>stage:NAME[,key=value...]</c> (<see cref="StageVideoCollection"/>), <c>folder:DIR</c> (any exported videos or PNG
    /// frame folders, recursively) or a downstream spec (<c>ucf101:</c>, <c>hmdb51:</c>, <c>csv:</c>, <c>synaction</c>).
    /// </summary>
    /// <param name="spec">The spec.</param>
    /// <param name="className">Only videos of this class (downstream specs only).</param>
    /// <param name="onBadVideo">What a video file that cannot be read does (<see cref="FileVideoCollection"/>); generated stages have none.</param>
    public static IVideoCollection Open(string spec, string? className = null, BadVideoPolicy onBadVideo = BadVideoPolicy.Fail)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var trimmed = spec.Trim();
        var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
        var kind = (colon < 0 ? trimmed : trimmed[..colon]).ToLowerInvariant();
        var body = colon < 0 ? "" : trimmed[(colon + 1)..];
        if (className is not null && kind is "stage" or "folder")
        {
            throw new UserInputException($"dataset spec '{spec}' has no classes; a class can only be chosen in ucf101:, hmdb51:, csv: or synaction");
        }
        return kind switch
        {
            "stage" => StageVideoCollection.Parse(body, spec),
            "folder" => body.Length > 0 ? FileVideoCollection.FromFolder(body, onBadVideo) : throw new UserInputException($"dataset spec '{spec}': DIR is missing (expected folder:DIR)"),
            "ucf101" or "hmdb51" or "csv" or "synaction" => FileVideoCollection.FromSpec(trimmed, className, onBadVideo),
            _ => throw new UserInputException($"dataset spec '{spec}': unknown kind '{kind}'; expected {Forms}"),
        };
    }
}
