using Spectre.Console;
using SynVid.Textures;

namespace SynVid.Cli.Commands;

/// <summary>Opens an image folder as a texture source and reports the files it skipped.</summary>
internal static class TextureFolders
{
    public static ITextureSource Open(string folder, int resolution)
    {
        var source = new ImageFolderTextureSource(folder, resolution);
        if (source.SkippedSummary() is { } skipped)
        {
            AnsiConsole.MarkupLineInterpolated($"[yellow]{source.Name}: {skipped}[/]");
        }
        return source;
    }
}
