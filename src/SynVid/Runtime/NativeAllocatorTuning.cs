using System.Runtime.InteropServices;

namespace SynVid.Runtime;

/// <summary>
/// glibc malloc settings for libtorch's many short-lived multi-megabyte CPU tensors. By default glibc serves blocks
/// above a (dynamic) threshold with fresh mmap pages and trims the heap eagerly, so every FFT temporary pays page
/// faults and zeroing; keeping such blocks in the heap made the statistical textures about 3× cheaper in CPU time.
/// Process-wide and idempotent; a no-op outside glibc Linux.
/// </summary>
public static partial class NativeAllocatorTuning
{
    private const int TrimThreshold = -1;
    private const int TopPad = -2;
    private const int MmapThreshold = -3;

    /// <summary>Applies the settings; returns whether glibc accepted them.</summary>
    public static bool Apply()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }
        try
        {
            // 32 MiB is glibc's largest allowed mmap threshold on 64-bit; trim only above 1 GiB of free heap top.
            return Mallopt(MmapThreshold, 32 << 20) == 1
                & Mallopt(TrimThreshold, 1 << 30) == 1
                & Mallopt(TopPad, 64 << 20) == 1;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "mallopt")]
    private static partial int Mallopt(int parameter, int value);
}
