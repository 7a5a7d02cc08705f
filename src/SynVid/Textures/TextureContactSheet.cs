using SynVid.Video;

namespace SynVid.Textures;

/// <summary>A contact sheet of texture kinds: one row per kind, <c>perKind</c> consecutive textures per row, 4-pixel gaps.</summary>
public static class TextureContactSheet
{
    private const int Gap = 4;

    /// <summary>Renders the sheet; <paramref name="onTexture"/> is called after each texture (for progress).</summary>
    public static RgbImage Render(IReadOnlyList<TextureKind> kinds, int perKind, int resolution, long seed, Action? onTexture = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(perKind, 1);
        var width = perKind * resolution + (perKind + 1) * Gap;
        var height = kinds.Count * resolution + (kinds.Count + 1) * Gap;
        var sheet = new RgbImage(width, height);
        Array.Fill(sheet.Pixels, (byte)255);
        for (var row = 0; row < kinds.Count; row++)
        {
            using var generator = TextureGenerators.Create(kinds[row], resolution, seed);
            for (var col = 0; col < perKind; col++)
            {
                var texture = generator.Generate(col);
                var ox = Gap + col * (resolution + Gap);
                var oy = Gap + row * (resolution + Gap);
                for (var y = 0; y < resolution; y++)
                {
                    texture.Pixels.AsSpan(y * resolution * 3, resolution * 3).CopyTo(sheet.Pixels.AsSpan(sheet.Offset(ox, oy + y)));
                }
                onTexture?.Invoke();
            }
        }
        return sheet;
    }
}
