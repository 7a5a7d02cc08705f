using SynVid.Video;

namespace SynVid.Evaluation.Perturbations;

/// <summary>
/// Applies one perturbation to a clip file and writes the same kind of file: a <c>.npy</c> clip (T×H×W×3 uint8) or
/// a video file. The whole file is one view and one video (index 0) for seeding. Temporal types write the perturbed
/// frame sequence as it is (sampling shortens it); evaluation pads short buffers with
/// <see cref="TemporalPadding"/> (repeat the last frame up to 16).
/// </summary>
public static class PerturbationFile
{
    /// <summary>Summary of one run.</summary>
    public sealed record Result(int InputFrames, int OutputFrames, int Width, int Height);

    /// <summary>Whether a path names a <c>.npy</c> clip (otherwise it is treated as a video file).</summary>
    public static bool IsNpy(string path) => string.Equals(Path.GetExtension(path), ".npy", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Writes frames as H.264 at the input's frame rate: 4:2:0 (CRF 18) when the size is even, else lossless RGB,
    /// which has no even-size constraint.
    /// </summary>
    private static void WriteVideo(string path, IReadOnlyList<RgbImage> frames, double fps)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        int w = frames[0].Width, h = frames[0].Height;
        var quality = w % 2 == 0 && h % 2 == 0 ? VideoQuality.H264 : VideoQuality.Lossless;
        using var writer = VideoWriter.Create(full, w, h, fps, quality);
        foreach (var frame in frames)
        {
            writer.Write(frame);
        }
        writer.Complete();
    }

    /// <summary>Every frame of a <c>.npy</c> clip or a video file.</summary>
    /// <exception cref="UserInputException">The file is missing, unreadable or truncated.</exception>
    public static RgbImage[] ReadClip(string path)
    {
        if (!File.Exists(path))
        {
            throw new UserInputException($"{path}: no such file");
        }
        return IsNpy(path) ? NpyClip.Read(path) : [.. WholeVideo.Read(path).Frames];
    }

    /// <summary>Reads <paramref name="input"/>, perturbs it and writes <paramref name="output"/> (temporary name, then rename).</summary>
    /// <exception cref="UserInputException">Missing or unreadable input, mismatched kinds, bad type or severity.</exception>
    public static Result Run(string input, string output, IPerturbation perturbation, int severity, long seed)
    {
        ArgumentNullException.ThrowIfNull(perturbation);
        if (!File.Exists(input))
        {
            throw new UserInputException($"{input}: no such file");
        }
        if (IsNpy(input) != IsNpy(output))
        {
            throw new UserInputException(
                $"{output}: the output must be the same kind of file as the input ({(IsNpy(input) ? ".npy clip" : "video")})");
        }
        perturbation.CheckSeverity(severity);
        var frames = ReadClip(input);
        var perturbed = ClipPerturbation.Apply(frames, perturbation, severity, seed);
        if (IsNpy(output))
        {
            NpyClip.Write(output, perturbed);
        }
        else
        {
            WriteVideo(output, perturbed, VideoReader.Probe(input).Fps);
        }
        return new Result(frames.Length, perturbed.Length, frames[0].Width, frames[0].Height);
    }
}
