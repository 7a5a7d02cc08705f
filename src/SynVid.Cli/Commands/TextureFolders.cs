using SynVid.Textures;

namespace SynVid.Cli.Commands;

/// <summary>Opens an image folder as a texture source.</summary>
internal static class TextureFolders
{
    public static ITextureSource Open(string folder, int resolution)
    {
        if (!Directory.Exists(folder))
        {
            throw new UserInputException($"image folder '{folder}' does not exist");
        }
        throw new UserInputException($"image folders are not supported by this build yet (--images '{folder}')");
    }
}
