using System.Runtime.InteropServices;

namespace SynVid.Video.LibAv;

/// <summary>Owns one AVPacket and frees it with <c>av_packet_free</c>.</summary>
internal sealed unsafe class PacketHandle : SafeHandle
{
    private readonly LibAvLibraries _av;

    public PacketHandle(LibAvLibraries av, IntPtr pointer)
        : base(IntPtr.Zero, ownsHandle: true)
    {
        _av = av;
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
        _av.av_packet_free(&pointer);
        return true;
    }
}
