using System.Diagnostics;
using SynVid.Video;

namespace SynVid.Tests.Video;

/// <summary>Makes test videos with the ffmpeg command line, for formats and timings VideoWriter does not write.</summary>
internal static class FfmpegCommand
{
    /// <summary>Runs ffmpeg with these arguments (after -hide_banner -loglevel error) and asserts success.</summary>
    public static void Run(params string[] arguments)
    {
        var info = new ProcessStartInfo(Ffmpeg.Require()) { RedirectStandardError = true };
        foreach (var argument in new[] { "-hide_banner", "-loglevel", "error", "-nostdin" }.Concat(arguments))
        {
            info.ArgumentList.Add(argument);
        }
        using var ffmpeg = Process.Start(info)!;
        var stderr = ffmpeg.StandardError.ReadToEnd();
        ffmpeg.WaitForExit();
        Assert.True(ffmpeg.ExitCode == 0, $"ffmpeg {string.Join(' ', arguments)} failed: {stderr}");
    }

    /// <summary>
    /// A test-pattern video (ffmpeg's testsrc2, whose every frame differs) of <paramref name="frames"/> frames at
    /// <paramref name="rate"/>, encoded with the given codec arguments (e.g. "-c:v", "mpeg4").
    /// </summary>
    public static string Pattern(string path, int width, int height, string rate, int frames, params string[] codec)
    {
        // testsrc2 draws even sizes only: an odd size is scaled from the next even one.
        var source = $"testsrc2=size={width + width % 2}x{height + height % 2}:rate={rate}" + (width % 2 + height % 2 > 0 ? $",scale={width}:{height}" : "");
        Run([.. new[] { "-f", "lavfi", "-i", source, "-frames:v", frames.ToString(System.Globalization.CultureInfo.InvariantCulture) }, .. codec, "-y", path]);
        return path;
    }

    /// <summary>
    /// A variable-frame-rate video: one picture per entry of <paramref name="slots"/>, each stamped at that many
    /// periods of <paramref name="rate"/> (gaps between them, as variable-rate captures write them). Hues turn from
    /// picture to picture, so no two pictures are alike.
    /// </summary>
    public static string WithGaps(string path, int width, int height, int rate, IReadOnlyList<int> slots, params string[] codec)
    {
        var expression = slots[^1].ToString(System.Globalization.CultureInfo.InvariantCulture);
        for (var k = slots.Count - 2; k >= 0; k--)
        {
            expression = $"if(eq(N,{k}),{slots[k]},{expression})";
        }
        Run([.. new[] { "-f", "lavfi", "-i", $"testsrc2=size={width}x{height}:rate={rate}", "-frames:v", slots.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-vf", $"hue=h=47*n,setpts='{expression}'", "-fps_mode", "passthrough" }, .. codec, "-y", path]);
        return path;
    }
}
