using System.Diagnostics;
using System.Globalization;
using SynVid.Video;

namespace SynVid.Evaluation.Perturbations;

/// <summary>
/// Whole-clip video file I/O for the perturb command through ffprobe/ffmpeg raw RGB pipes: every frame at the
/// file's size, and its frame rate. Output is H.264/yuv420p (CRF 18) or the container's default codec.
/// </summary>
internal static class ClipVideoFiles
{
    /// <summary>All frames of a video file and its frame rate.</summary>
    internal static RgbImage[] Read(string path, out double fps)
    {
        var probe = RunToString(Ffmpeg.Require("ffprobe"),
            ["-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width,height,r_frame_rate", "-of", "csv=p=0", path], path);
        var fields = probe.Trim().Split('\n')[0].Split(',');
        if (fields.Length < 3 || !int.TryParse(fields[0], CultureInfo.InvariantCulture, out var width)
            || !int.TryParse(fields[1], CultureInfo.InvariantCulture, out var height))
        {
            throw new UserInputException($"{path}: no video stream found");
        }
        fps = ParseRate(fields[2]);
        var info = Start(Ffmpeg.Require(), ["-v", "error", "-i", path, "-f", "rawvideo", "-pix_fmt", "rgb24", "-"]);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start ffmpeg");
        var stderr = process.StandardError.ReadToEndAsync();
        var frames = new List<RgbImage>();
        var stream = process.StandardOutput.BaseStream;
        var frameBytes = width * height * 3;
        while (true)
        {
            var buffer = new byte[frameBytes];
            var read = stream.ReadAtLeast(buffer, frameBytes, throwOnEndOfStream: false);
            if (read < frameBytes)
            {
                break;
            }
            frames.Add(new RgbImage(width, height, buffer));
        }
        process.WaitForExit();
        if (process.ExitCode != 0 || frames.Count == 0)
        {
            throw new UserInputException($"{path}: cannot decode video ({stderr.Result.Trim()})");
        }
        return [.. frames];
    }

    /// <summary>Writes frames as a video (temporary name with the same extension, then rename).</summary>
    internal static void Write(string path, IReadOnlyList<RgbImage> frames, double fps)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileNameWithoutExtension(full)}.{Environment.ProcessId}.tmp{Path.GetExtension(full)}");
        int w = frames[0].Width, h = frames[0].Height;
        var info = Start(Ffmpeg.Require(),
        [
            "-v", "error", "-y", "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", $"{w}x{h}",
            "-r", fps.ToString("R", CultureInfo.InvariantCulture), "-i", "-",
            "-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2", "-pix_fmt", "yuv420p", "-crf", "18", temp,
        ]);
        info.RedirectStandardInput = true;
        try
        {
            using (var process = Process.Start(info) ?? throw new InvalidOperationException("could not start ffmpeg"))
            {
                var stderr = process.StandardError.ReadToEndAsync();
                using (var stdin = process.StandardInput.BaseStream)
                {
                    foreach (var frame in frames)
                    {
                        stdin.Write(frame.Pixels);
                    }
                }
                process.WaitForExit();
                if (process.ExitCode != 0)
                {
                    throw new UserInputException($"{path}: ffmpeg could not write the video ({stderr.Result.Trim()})");
                }
            }
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static double ParseRate(string rate)
    {
        var parts = rate.Trim().Split('/');
        var num = double.Parse(parts[0], CultureInfo.InvariantCulture);
        var den = parts.Length > 1 ? double.Parse(parts[1], CultureInfo.InvariantCulture) : 1;
        return den > 0 && num > 0 ? num / den : 25;
    }

    private static ProcessStartInfo Start(string exe, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo(exe)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }
        return info;
    }

    private static string RunToString(string exe, IEnumerable<string> args, string path)
    {
        using var process = Process.Start(Start(exe, args)) ?? throw new InvalidOperationException($"could not start {exe}");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new UserInputException($"{path}: not a readable video ({stderr.Result.Trim()})");
        }
        return stdout;
    }
}
