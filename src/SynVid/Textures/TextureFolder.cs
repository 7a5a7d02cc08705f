using System.Globalization;
using System.Text.Json;
using SynVid.Serialization;

namespace SynVid.Textures;

/// <summary>
/// A folder of generated textures: <c>000000.png</c>, <c>000001.png</c>, … plus <c>textures.json</c> recording kind,
/// resolution and seed, so a resumed export or a reloaded pool never mixes textures of different configurations.
/// </summary>
public sealed class TextureFolder
{
    /// <summary>Name of the manifest file.</summary>
    public const string ManifestName = "textures.json";

    /// <summary>Opens (creating if needed) the folder for a generator's textures; a <see cref="UserInputException"/>
    /// reports a folder that holds another configuration's textures.</summary>
    public TextureFolder(string path, ITextureGenerator generator)
    {
        Path = path;
        if (File.Exists(path))
        {
            throw new UserInputException($"--out {path}: is a file, expected a folder");
        }
        Directory.CreateDirectory(path);
        // What an interrupted export left under temporary names.
        AtomicFile.CleanStale(path);
        var manifest = new Manifest(generator.Kind.Name(), generator.Resolution, generator.Seed);
        var manifestPath = System.IO.Path.Combine(path, ManifestName);
        if (File.Exists(manifestPath))
        {
            Manifest? existing;
            try
            {
                existing = JsonSerializer.Deserialize<Manifest>(File.ReadAllText(manifestPath));
            }
            catch (JsonException e)
            {
                throw new UserInputException($"{manifestPath}: not a texture manifest ({e.Message})");
            }
            if (existing != manifest)
            {
                throw new UserInputException(
                    $"{path} holds {existing?.Kind} textures at {existing?.Resolution}² with seed {existing?.Seed}, not {manifest.Kind} at " +
                    $"{manifest.Resolution}² with seed {manifest.Seed}; use another folder");
            }
        }
        else
        {
            AtomicFile.WriteAllText(manifestPath, JsonSerializer.Serialize(manifest));
        }
    }

    /// <summary>The folder.</summary>
    public string Path { get; }

    /// <summary>Path of texture <paramref name="index"/>.</summary>
    public string FileOf(long index) => System.IO.Path.Combine(Path, index.ToString("D6", CultureInfo.InvariantCulture) + ".png");

    private sealed record Manifest(string Kind, int Resolution, long Seed);
}
