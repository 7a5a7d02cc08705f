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

    /// <summary>Every frame of a <c>.npy</c> clip or a video file.</summary>
    /// <exception cref="UserInputException">The file is missing or unreadable.</exception>
    public static RgbImage[] ReadClip(string path)
    {
        if (!File.Exists(path))
        {
            throw new UserInputException($"{path}: no such file");
        }
        return IsNpy(path) ? NpyClip.Read(path) : ClipVideoFiles.Read(path, out _);
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
        var fps = 0.0;
        var frames = IsNpy(input) ? NpyClip.Read(input) : ClipVideoFiles.Read(input, out fps);
        var perturbed = ClipPerturbation.Apply(frames, perturbation, severity, seed);
        if (IsNpy(output))
        {
            NpyClip.Write(output, perturbed);
        }
        else
        {
            ClipVideoFiles.Write(output, perturbed, fps);
        }
        return new Result(frames.Length, perturbed.Length, frames[0].Width, frames[0].Height);
    }
}
