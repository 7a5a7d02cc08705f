using System.Diagnostics;
using System.Globalization;
using SynVid.Video;

namespace SynVid.Bench;

/// <summary>
/// Training-clip reads from video files, as data loaders do them (each file probed once, then one
/// <c>ReadFrames</c> per clip at a random start): clips/s and CPU milliseconds per clip (this process and any ffmpeg
/// children), for the ffmpeg-process decoder and the in-process one, on 1 and 2 threads, and the same clips read by
/// OpenCV (<c>bench/reference/read_clips_opencv.py</c>) when Debian's python3-opencv is installed.
/// </summary>
/// <remarks>
/// Three sets of 8 files: 320 × 240 MPEG-4 Part 2 in .avi at 25 fps with a keyframe every 12 frames (UCF101's
/// format) and 320 × 240 H.264 .mp4 as <c>synvid generate</c> writes it (x264 veryfast, CRF 18), both 160 frames with
/// 16-frame stride-4 clips; and 128² 64-frame H.264 .mp4 with the cpu-tiny preset's 8-frame stride-4 clips. Content:
/// ffmpeg's testsrc2 pattern with moving film grain, so every frame costs real decoding.
/// </remarks>
internal static class VideoClipBenchmark
{
    private const int Files = 8;

    internal static string Run()
    {
        var parts = new List<string> { $"load {LoadAverage()}" };
        using var dir = new Folder();
        var sets = new (string Name, string Extension, int Size, int Frames, int ClipFrames, string[] Codec)[]
        {
            ("320x240 MPEG-4 .avi, 16x4 clips", "avi", 320, 160, 16, ["-c:v", "mpeg4", "-q:v", "4", "-g", "12"]),
            ("320x240 H.264 .mp4, 16x4 clips", "mp4", 320, 160, 16, ["-c:v", "libx264", "-preset", "veryfast", "-crf", "18", "-pix_fmt", "yuv420p"]),
            ("128x128 H.264 .mp4 (cpu-tiny), 8x4 clips", "mp4", 128, 64, 8, ["-c:v", "libx264", "-preset", "veryfast", "-crf", "18", "-pix_fmt", "yuv420p"]),
        };
        foreach (var (name, extension, size, frames, clipFrames, codec) in sets)
        {
            var height = size == 320 ? 240 : size;
            var paths = Enumerable.Range(0, Files)
                .Select(i => Write(Path.Combine(dir.Path, string.Create(CultureInfo.InvariantCulture, $"{size}-{extension}-{i}.{extension}")), size, height, frames, i, codec))
                .ToArray();
            var clips = Clips(paths, frames, clipFrames, count: 64, seed: 1);
            var manifest = Path.Combine(dir.Path, string.Create(CultureInfo.InvariantCulture, $"{size}-{extension}.clips"));
            File.WriteAllLines(manifest, clips.Select(c => $"{c.Path}\t{string.Join(',', c.Indices)}"));
            foreach (var decoder in new[] { VideoDecoderKind.FfmpegProcess, VideoDecoderKind.InProcess })
            {
                var infos = paths.ToDictionary(p => p, p => VideoReader.Probe(p, decoder));
                // The process decoder is slow: time fewer clips so that a run stays short.
                var timed = decoder == VideoDecoderKind.FfmpegProcess ? clips.Take(24).ToArray() : [.. clips, .. clips, .. clips];
                foreach (var threads in new[] { 1, 2 })
                {
                    var (clipsPerSecond, cpuMs) = Measure(timed, threads, c => VideoReader.ReadFrames(c.Path, infos[c.Path], c.Indices, decoder: decoder));
                    parts.Add(string.Create(CultureInfo.InvariantCulture,
                        $"{name} {Label(decoder)} {threads}T: {clipsPerSecond:F1} clips/s, {cpuMs:F1} CPU-ms/clip"));
                }
            }
            parts.AddRange(OpenCv(manifest, name));
        }
        parts.Add($"load {LoadAverage()}");
        return string.Join("; ", parts);
    }

    private static string Label(VideoDecoderKind decoder) => decoder == VideoDecoderKind.InProcess ? "in-process" : "ffmpeg-process";

    /// <summary>Reads every clip once on <paramref name="threads"/> threads (after one untimed clip per thread).</summary>
    private static (double ClipsPerSecond, double CpuMsPerClip) Measure(IReadOnlyList<Clip> clips, int threads, Action<Clip> read)
    {
        foreach (var clip in clips.Take(threads))
        {
            read(clip);
        }
        var next = -1;
        var cpu = CpuClock.NowMs();
        var wall = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, threads).Select(_ => new Thread(() =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < clips.Count)
            {
                read(clips[i]);
            }
        })).ToArray();
        foreach (var worker in workers)
        {
            worker.Start();
        }
        foreach (var worker in workers)
        {
            worker.Join();
        }
        var seconds = wall.Elapsed.TotalSeconds;
        return (clips.Count / seconds, (CpuClock.NowMs() - cpu) / clips.Count);
    }

    /// <summary>Clips as the reference's TSN sampling draws them: <paramref name="clipFrames"/> frames at stride 4 from a uniform start.</summary>
    private static Clip[] Clips(string[] paths, int frames, int clipFrames, int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(i =>
        {
            var start = random.Next(frames - 4 * (clipFrames - 1));
            return new Clip(paths[i % paths.Length], Enumerable.Range(0, clipFrames).Select(k => start + 4 * k).ToArray());
        }).ToArray();
    }

    private static IEnumerable<string> OpenCv(string manifest, string name)
    {
        var script = FindUp(Path.Combine("bench", "reference", "read_clips_opencv.py"));
        var python = Environment.GetEnvironmentVariable("PYTHON") ?? "/usr/bin/python3";
        if (script is null || !File.Exists(python))
        {
            yield return $"{name} OpenCV: skipped (needs {python} with python3-opencv and bench/reference)";
            yield break;
        }
        foreach (var threads in new[] { 1, 2 })
        {
            var info = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { script, manifest, "--threads", threads.ToString(CultureInfo.InvariantCulture), "--repeat", "3" })
            {
                info.ArgumentList.Add(argument);
            }
            using var process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEnd();
            var stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            var line = (process.ExitCode == 0 ? stdout : stderr).Trim().Split('\n').LastOrDefault() ?? "";
            yield return $"{name} {line}";
        }
    }

    private static string Write(string path, int width, int height, int frames, int seed, string[] codec)
    {
        var info = new ProcessStartInfo(Ffmpeg.Require()) { RedirectStandardError = true };
        var source = string.Create(CultureInfo.InvariantCulture,
            $"testsrc2=size={width}x{height}:rate=25,hue=H=t*{0.3 + 0.1 * seed},noise=alls=10:allf=t+u:all_seed={seed}");
        foreach (var argument in new[] { "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", source, "-frames:v", frames.ToString(CultureInfo.InvariantCulture) }
            .Concat(codec).Concat(["-y", path]))
        {
            info.ArgumentList.Add(argument);
        }
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? path : throw new InvalidOperationException($"ffmpeg failed to write {path}: {stderr}");
    }

    private static string? FindUp(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private sealed record Clip(string Path, int[] Indices);

    private sealed class Folder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("synvid-bench-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
