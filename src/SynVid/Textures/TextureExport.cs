using SynVid.Video;
namespace SynVid.Textures;

/// <summary>
/// Writes textures 0 … count−1 of a generator to a <see cref="TextureFolder"/> as PNGs, in parallel, skipping those
/// already present (so an interrupted export resumes); each file appears atomically.
/// </summary>
public static class TextureExport
{
    /// <summary>Outcome of an export.</summary>
    public sealed record Result(int Written, int Skipped);

    /// <summary>Runs the export; <paramref name="progress"/> receives one report per finished texture.</summary>
    public static Result Run(ITextureGenerator generator, int count, string folder, int workers, IProgress<int>? progress = null,
        CancellationToken cancellation = default)
    {
        if (count < 1)
        {
            throw new UserInputException($"--count must be at least 1, got {count}");
        }
        var target = new TextureFolder(folder, generator);
        int written = 0, skipped = 0;
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, workers), CancellationToken = cancellation }, i =>
        {
            var path = target.FileOf(i);
            if (File.Exists(path))
            {
                Interlocked.Increment(ref skipped);
            }
            else
            {
                PngFile.Write(path, generator.Generate(i));
                Interlocked.Increment(ref written);
            }
            progress?.Report(1);
        });
        return new Result(written, skipped);
    }
}
