using System.Runtime.InteropServices;

namespace SynVid.Video.LibAv;

/// <summary>
/// FFmpeg 5.1's shared libraries (libavformat 59, libavcodec 59, libavutil 57, libswscale 6), as Debian 12 installs
/// them with ffmpeg, loaded once with the few functions the in-process reader calls. The struct fields it reads are
/// at the offsets of exactly these major versions (<see cref="LibAvAbi"/>; FFmpeg keeps them within a major version),
/// so any other version is refused with a reason rather than misread.
/// </summary>
internal sealed unsafe class LibAvLibraries
{
    private LibAvLibraries(IntPtr avutil, IntPtr avcodec, IntPtr avformat, IntPtr swscale)
    {
        av_frame_alloc = (delegate* unmanaged<IntPtr>)NativeLibrary.GetExport(avutil, nameof(av_frame_alloc));
        av_frame_free = (delegate* unmanaged<IntPtr*, void>)NativeLibrary.GetExport(avutil, nameof(av_frame_free));
        av_frame_unref = (delegate* unmanaged<IntPtr, void>)NativeLibrary.GetExport(avutil, nameof(av_frame_unref));
        av_strerror = (delegate* unmanaged<int, byte*, nuint, int>)NativeLibrary.GetExport(avutil, nameof(av_strerror));
        av_log_set_level = (delegate* unmanaged<int, void>)NativeLibrary.GetExport(avutil, nameof(av_log_set_level));
        av_opt_set_int = (delegate* unmanaged<IntPtr, byte*, long, int, int>)NativeLibrary.GetExport(avutil, nameof(av_opt_set_int));
        av_opt_set_q = (delegate* unmanaged<IntPtr, byte*, AVRational, int, int>)NativeLibrary.GetExport(avutil, nameof(av_opt_set_q));

        avcodec_find_decoder = (delegate* unmanaged<int, IntPtr>)NativeLibrary.GetExport(avcodec, nameof(avcodec_find_decoder));
        avcodec_alloc_context3 = (delegate* unmanaged<IntPtr, IntPtr>)NativeLibrary.GetExport(avcodec, nameof(avcodec_alloc_context3));
        avcodec_free_context = (delegate* unmanaged<IntPtr*, void>)NativeLibrary.GetExport(avcodec, nameof(avcodec_free_context));
        avcodec_parameters_to_context = (delegate* unmanaged<IntPtr, IntPtr, int>)NativeLibrary.GetExport(avcodec, nameof(avcodec_parameters_to_context));
        avcodec_open2 = (delegate* unmanaged<IntPtr, IntPtr, IntPtr, int>)NativeLibrary.GetExport(avcodec, nameof(avcodec_open2));
        avcodec_send_packet = (delegate* unmanaged<IntPtr, IntPtr, int>)NativeLibrary.GetExport(avcodec, nameof(avcodec_send_packet));
        avcodec_receive_frame = (delegate* unmanaged<IntPtr, IntPtr, int>)NativeLibrary.GetExport(avcodec, nameof(avcodec_receive_frame));
        avcodec_flush_buffers = (delegate* unmanaged<IntPtr, void>)NativeLibrary.GetExport(avcodec, nameof(avcodec_flush_buffers));
        avcodec_get_name = (delegate* unmanaged<int, byte*>)NativeLibrary.GetExport(avcodec, nameof(avcodec_get_name));
        av_packet_alloc = (delegate* unmanaged<IntPtr>)NativeLibrary.GetExport(avcodec, nameof(av_packet_alloc));
        av_packet_free = (delegate* unmanaged<IntPtr*, void>)NativeLibrary.GetExport(avcodec, nameof(av_packet_free));
        av_packet_unref = (delegate* unmanaged<IntPtr, void>)NativeLibrary.GetExport(avcodec, nameof(av_packet_unref));

        avformat_open_input = (delegate* unmanaged<IntPtr*, byte*, IntPtr, IntPtr, int>)NativeLibrary.GetExport(avformat, nameof(avformat_open_input));
        avformat_find_stream_info = (delegate* unmanaged<IntPtr, IntPtr, int>)NativeLibrary.GetExport(avformat, nameof(avformat_find_stream_info));
        avformat_close_input = (delegate* unmanaged<IntPtr*, void>)NativeLibrary.GetExport(avformat, nameof(avformat_close_input));
        av_read_frame = (delegate* unmanaged<IntPtr, IntPtr, int>)NativeLibrary.GetExport(avformat, nameof(av_read_frame));
        av_seek_frame = (delegate* unmanaged<IntPtr, int, long, int, int>)NativeLibrary.GetExport(avformat, nameof(av_seek_frame));

        sws_getCachedContext = (delegate* unmanaged<IntPtr, int, int, int, int, int, int, int, IntPtr, IntPtr, double*, IntPtr>)NativeLibrary.GetExport(swscale, nameof(sws_getCachedContext));
        sws_freeContext = (delegate* unmanaged<IntPtr, void>)NativeLibrary.GetExport(swscale, nameof(sws_freeContext));
        sws_scale = (delegate* unmanaged<IntPtr, byte**, int*, int, int, byte**, int*, int>)NativeLibrary.GetExport(swscale, nameof(sws_scale));
        sws_getColorspaceDetails = (delegate* unmanaged<IntPtr, int**, int*, int**, int*, int*, int*, int*, int>)NativeLibrary.GetExport(swscale, nameof(sws_getColorspaceDetails));
        sws_setColorspaceDetails = (delegate* unmanaged<IntPtr, int*, int, int*, int, int, int, int, int>)NativeLibrary.GetExport(swscale, nameof(sws_setColorspaceDetails));
        sws_getCoefficients = (delegate* unmanaged<int, int*>)NativeLibrary.GetExport(swscale, nameof(sws_getCoefficients));

        Versions = string.Join(", ",
            VersionText("avformat", ((delegate* unmanaged<uint>)NativeLibrary.GetExport(avformat, "avformat_version"))()),
            VersionText("avcodec", ((delegate* unmanaged<uint>)NativeLibrary.GetExport(avcodec, "avcodec_version"))()),
            VersionText("avutil", ((delegate* unmanaged<uint>)NativeLibrary.GetExport(avutil, "avutil_version"))()),
            VersionText("swscale", ((delegate* unmanaged<uint>)NativeLibrary.GetExport(swscale, "swscale_version"))()));
        // Errors come back as return codes and exceptions; libav's own stderr logging would interleave with the CLI's output.
        av_log_set_level(LibAvAbi.LogQuiet);
    }

    /// <summary>"libavformat 59.27.100, libavcodec 59.37.100, ..." of the loaded libraries.</summary>
    public string Versions { get; }

#pragma warning disable IDE1006, SA1300 // the native names, so each call reads like FFmpeg's documentation
    public readonly delegate* unmanaged<IntPtr> av_frame_alloc;
    public readonly delegate* unmanaged<IntPtr*, void> av_frame_free;
    public readonly delegate* unmanaged<IntPtr, void> av_frame_unref;
    public readonly delegate* unmanaged<int, byte*, nuint, int> av_strerror;
    public readonly delegate* unmanaged<int, void> av_log_set_level;
    public readonly delegate* unmanaged<IntPtr, byte*, long, int, int> av_opt_set_int;
    public readonly delegate* unmanaged<IntPtr, byte*, AVRational, int, int> av_opt_set_q;
    public readonly delegate* unmanaged<int, IntPtr> avcodec_find_decoder;
    public readonly delegate* unmanaged<IntPtr, IntPtr> avcodec_alloc_context3;
    public readonly delegate* unmanaged<IntPtr*, void> avcodec_free_context;
    public readonly delegate* unmanaged<IntPtr, IntPtr, int> avcodec_parameters_to_context;
    public readonly delegate* unmanaged<IntPtr, IntPtr, IntPtr, int> avcodec_open2;
    public readonly delegate* unmanaged<IntPtr, IntPtr, int> avcodec_send_packet;
    public readonly delegate* unmanaged<IntPtr, IntPtr, int> avcodec_receive_frame;
    public readonly delegate* unmanaged<IntPtr, void> avcodec_flush_buffers;
    public readonly delegate* unmanaged<int, byte*> avcodec_get_name;
    public readonly delegate* unmanaged<IntPtr> av_packet_alloc;
    public readonly delegate* unmanaged<IntPtr*, void> av_packet_free;
    public readonly delegate* unmanaged<IntPtr, void> av_packet_unref;
    public readonly delegate* unmanaged<IntPtr*, byte*, IntPtr, IntPtr, int> avformat_open_input;
    public readonly delegate* unmanaged<IntPtr, IntPtr, int> avformat_find_stream_info;
    public readonly delegate* unmanaged<IntPtr*, void> avformat_close_input;
    public readonly delegate* unmanaged<IntPtr, IntPtr, int> av_read_frame;
    public readonly delegate* unmanaged<IntPtr, int, long, int, int> av_seek_frame;
    public readonly delegate* unmanaged<IntPtr, int, int, int, int, int, int, int, IntPtr, IntPtr, double*, IntPtr> sws_getCachedContext;
    public readonly delegate* unmanaged<IntPtr, void> sws_freeContext;
    public readonly delegate* unmanaged<IntPtr, byte**, int*, int, int, byte**, int*, int> sws_scale;
    public readonly delegate* unmanaged<IntPtr, int**, int*, int**, int*, int*, int*, int*, int> sws_getColorspaceDetails;
    public readonly delegate* unmanaged<IntPtr, int*, int, int*, int, int, int, int, int> sws_setColorspaceDetails;
    public readonly delegate* unmanaged<int, int*> sws_getCoefficients;
#pragma warning restore IDE1006, SA1300

    /// <summary>
    /// Loads the libraries, or returns null with one sentence saying what is missing or which version was found.
    /// </summary>
    public static LibAvLibraries? TryLoad(out string reason)
    {
        var handles = new List<IntPtr>();
        try
        {
            if (!Environment.Is64BitProcess)
            {
                throw new DllNotFoundException("this is a 32-bit process (the struct layouts SynVid reads are 64-bit)");
            }
            IntPtr Load(string name, int major)
            {
                if (!TryLoadLibrary(name, major, out var handle))
                {
                    throw new DllNotFoundException($"{Library(name, major)} was not found");
                }
                handles.Add(handle);
                var version = ((delegate* unmanaged<uint>)NativeLibrary.GetExport(handle, VersionFunction(name)))();
                if (version >> 16 != major)
                {
                    throw new DllNotFoundException($"found {VersionText(name, version)}, but in-process decoding is built for {RequiredText}");
                }
                return handle;
            }
            var avutil = Load("avutil", 57);
            var swscale = Load("swscale", 6);
            var avcodec = Load("avcodec", 59);
            var avformat = Load("avformat", 59);
            reason = "";
            return new LibAvLibraries(avutil, avcodec, avformat, swscale);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            foreach (var handle in handles)
            {
                NativeLibrary.Free(handle);
            }
            reason = $"in-process video decoding is unavailable: {e.Message} (it needs FFmpeg 5.1's shared libraries, {RequiredText}, " +
                "which Debian 12 installs with `apt-get install ffmpeg`)";
            return null;
        }
    }

    /// <summary>FFmpeg's description of an error code, e.g. "Invalid data found when processing input".</summary>
    public string ErrorText(int error)
    {
        var buffer = stackalloc byte[256];
        return av_strerror(error, buffer, 256) == 0 ? Marshal.PtrToStringUTF8((IntPtr)buffer) ?? $"error {error}" : $"error {error}";
    }

    /// <summary>The decoder's name for a codec id, as ffprobe reports it ("h264", "mpeg4").</summary>
    public string CodecName(int codecId) => Marshal.PtrToStringUTF8((IntPtr)avcodec_get_name(codecId)) ?? "";

    private const string RequiredText = "libavformat 59, libavcodec 59, libavutil 57 and libswscale 6";

    private static string VersionFunction(string name) => name == "swscale" ? "swscale_version" : $"{name}_version";

    private static string Library(string name, int major) =>
        OperatingSystem.IsWindows() ? $"{name}-{major}.dll" : OperatingSystem.IsMacOS() ? $"lib{name}.{major}.dylib" : $"lib{name}.so.{major}";

    private static bool TryLoadLibrary(string name, int major, out IntPtr handle) =>
        NativeLibrary.TryLoad(Library(name, major), out handle);

    private static string VersionText(string name, uint version) =>
        $"lib{name} {version >> 16}.{(version >> 8) & 0xFF}.{version & 0xFF}";
}
