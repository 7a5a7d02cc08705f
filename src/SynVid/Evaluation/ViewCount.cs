using System.Globalization;

namespace SynVid.Evaluation;

/// <summary>Test views per video: <paramref name="Clips"/> temporal clips × <paramref name="Crops"/> spatial crops (docs/reference-behaviour.md §5.3).</summary>
/// <param name="Clips">Temporal clips (5 UCF101, 10 HMDB51).</param>
/// <param name="Crops">Spatial crops along the long side (3).</param>
public sealed record ViewCount(int Clips, int Crops)
{
    /// <summary>Views per video.</summary>
    public int Total => Clips * Crops;

    /// <summary>Parses <c>SxC</c>, e.g. <c>5x3</c>; throws <see cref="UserInputException"/> naming the bad value.</summary>
    public static ViewCount Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Trim().ToLowerInvariant().Split('x', '×');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var clips)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var crops)
            && clips >= 1 && crops >= 1)
        {
            return new ViewCount(clips, crops);
        }
        throw new UserInputException($"views '{text}': expected CLIPSxCROPS with positive counts, e.g. 5x3");
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Clips}x{Crops}");
}
