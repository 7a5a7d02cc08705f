using System.Globalization;
using SynVid.Benchmarking;
using SynVid.Video;

namespace SynVid.Bench;

/// <summary>
/// ffmpeg-backed video encode and decode throughput at the generator's and the model's frame sizes (256², 224²), on
/// 200-frame videos of moving sharp-edged discs over a smooth background.
/// </summary>
internal static class VideoIoBenchmark
{
    private const int Frames = 200;
    private const double Fps = 25;

    internal static string Encode()
    {
        var parts = new List<string>();
        foreach (var size in new[] { 256, 224 })
        {
            var frames = Enumerable.Range(0, Frames).Select(t => Frame(size, t)).ToList();
            using var dir = new BenchFolder();
            foreach (var (label, settings) in new (string, VideoWriterSettings)[]
            {
                ("H.264 crf18 veryfast (default)", new VideoWriterSettings()),
                ("H.264 crf18 medium", new VideoWriterSettings(Preset: "medium")),
                ("lossless", new VideoWriterSettings(VideoQuality.Lossless)),
            })
            {
                var path = Path.Combine(dir.Path, "encode.mp4");
                var timing = Timing.Measure(() => Write(path, frames, settings), iterations: 3);
                var cpu = CpuClock.MedianMs(() => Write(path, frames, settings), iterations: 3);
                parts.Add(Rate($"{size}² {label}", Frames, timing, cpu) + $" ({new FileInfo(path).Length / 1024} KiB)");
            }
        }
        return string.Join("; ", parts);
    }

    internal static string Decode()
    {
        var parts = new List<string>();
        foreach (var size in new[] { 256, 224 })
        {
            var frames = Enumerable.Range(0, Frames).Select(t => Frame(size, t)).ToList();
            using var dir = new BenchFolder();
            var path = Path.Combine(dir.Path, "decode.mp4");
            Write(path, frames, new VideoWriterSettings());
            // A training clip: 16 frames at stride 4 (docs/reference-behaviour.md §2.9), starting at frame 60.
            var clip = Enumerable.Range(0, 16).Select(k => 60 + 4 * k).ToArray();
            var info = VideoReader.Probe(path);
            void ReadAll() => VideoReader.ReadAll(path);
            void ReadClip() => VideoReader.ReadFrames(path, clip);
            void ReadClipProbed() => VideoReader.ReadFrames(path, info, clip);
            void Probe() => VideoReader.Probe(path);
            parts.Add(Rate($"{size}² H.264 ReadAll", Frames, Timing.Measure(ReadAll, 5), CpuClock.MedianMs(ReadAll, 5)));
            parts.Add(Rate($"{size}² ReadFrames 16 of {Frames}", 16, Timing.Measure(ReadClip, 5), CpuClock.MedianMs(ReadClip, 5)));
            parts.Add(Rate($"{size}² ReadFrames 16 of {Frames} pre-probed", 16, Timing.Measure(ReadClipProbed, 5), CpuClock.MedianMs(ReadClipProbed, 5)));
            parts.Add(string.Create(CultureInfo.InvariantCulture,
                $"{size}² Probe {Timing.Measure(Probe, 5).MedianMs:F0} ms wall, {CpuClock.MedianMs(Probe, 5):F0} ms CPU"));
        }
        return string.Join("; ", parts);
    }

    /// <summary>Frames per wall-clock second and per CPU second (this process and ffmpeg together, all cores).</summary>
    private static string Rate(string label, int frames, Timing timing, double cpuMs) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{label} {frames / (timing.MedianMs / 1000):F0} frames/s ({timing.MedianMs:F0} ms wall, {cpuMs:F0} ms CPU = {frames / (cpuMs / 1000):F0} frames/CPU-s)");

    private static void Write(string path, IReadOnlyList<RgbImage> frames, VideoWriterSettings settings)
    {
        using var writer = VideoWriter.Create(path, frames[0].Width, frames[0].Height, Fps, settings);
        foreach (var frame in frames)
        {
            writer.Write(frame);
        }
        writer.Complete();
    }

    /// <summary>Frame t: a smooth colour gradient with 24 flat-coloured discs moving in straight lines.</summary>
    private static RgbImage Frame(int size, int t)
    {
        var image = new RgbImage(size, size);
        var p = image.Pixels;
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                var o = (y * size + x) * 3;
                p[o] = (byte)(x * 255 / size);
                p[o + 1] = (byte)(y * 255 / size);
                p[o + 2] = (byte)((x + y + t) % 256);
            }
        }
        var random = new Random(7);
        for (var d = 0; d < 24; d++)
        {
            double cx = random.Next(size), cy = random.Next(size), vx = random.NextDouble() * 6 - 3, vy = random.NextDouble() * 6 - 3;
            var r = 8 + random.Next(size / 6);
            byte cr = (byte)random.Next(256), cg = (byte)random.Next(256), cb = (byte)random.Next(256);
            var px = (int)(cx + vx * t) % size;
            var py = (int)(cy + vy * t) % size;
            for (var y = Math.Max(0, py - r); y < Math.Min(size, py + r); y++)
            {
                for (var x = Math.Max(0, px - r); x < Math.Min(size, px + r); x++)
                {
                    if ((x - px) * (x - px) + (y - py) * (y - py) < r * r)
                    {
                        var o = (y * size + x) * 3;
                        p[o] = cr;
                        p[o + 1] = cg;
                        p[o + 2] = cb;
                    }
                }
            }
        }
        return image;
    }

    private sealed class BenchFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("synvid-bench-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
