using System.Diagnostics;
using System.Runtime.InteropServices;

namespace SynVid.Bench;

/// <summary>
/// CPU time used so far by this process plus its finished child processes (ffmpeg, ffprobe), on Linux. On a shared,
/// loaded machine CPU time per operation is a steadier measure of cost than wall time.
/// </summary>
internal static class CpuClock
{
    private const int RusageChildren = -1;

    /// <summary>Total CPU time in milliseconds, or NaN where child accounting is unavailable.</summary>
    internal static double NowMs()
    {
        if (!OperatingSystem.IsLinux() || getrusage(RusageChildren, out var usage) != 0)
        {
            return double.NaN;
        }
        var children = (usage.UserSeconds + usage.SystemSeconds) * 1000.0 + (usage.UserMicroseconds + usage.SystemMicroseconds) / 1000.0;
        return Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds + children;
    }

    /// <summary>Median CPU milliseconds of <paramref name="action"/> over <paramref name="iterations"/> runs.</summary>
    internal static double MedianMs(Action action, int iterations)
    {
        var ms = new double[iterations];
        for (var i = 0; i < iterations; i++)
        {
            var start = NowMs();
            action();
            ms[i] = NowMs() - start;
        }
        Array.Sort(ms);
        return ms[iterations / 2];
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int getrusage(int who, out Rusage usage);

    [StructLayout(LayoutKind.Sequential)]
    private struct Rusage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
        public long MaxRss, IxRss, IdRss, IsRss, MinFlt, MajFlt, NSwap, InBlock, OuBlock, MsgSnd, MsgRcv, NSignals, NvCsw, NivCsw;
    }
}
