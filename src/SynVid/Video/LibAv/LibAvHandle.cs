using System.Runtime.InteropServices;

namespace SynVid.Video.LibAv;

/// <summary>
/// Owns one libav object (an AVFormatContext, AVCodecContext, AVPacket or AVFrame) and frees it with the library's
/// free function for that type, which all take the address of the pointer (<c>avformat_close_input</c>,
/// <c>avcodec_free_context</c>, <c>av_packet_free</c>, <c>av_frame_free</c>).
/// </summary>
internal sealed unsafe class LibAvHandle : SafeHandle
{
    private readonly delegate* unmanaged<IntPtr*, void> _free;

    public LibAvHandle(delegate* unmanaged<IntPtr*, void> free, IntPtr pointer)
        : base(IntPtr.Zero, ownsHandle: true)
    {
        _free = free;
        SetHandle(pointer);
    }

    /// <inheritdoc />
    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>The native pointer (valid while this handle is alive and not disposed).</summary>
    public IntPtr Pointer => handle;

    /// <inheritdoc />
    protected override bool ReleaseHandle()
    {
        var pointer = handle;
        _free(&pointer);
        return true;
    }
}
