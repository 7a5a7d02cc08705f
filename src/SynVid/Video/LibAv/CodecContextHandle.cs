using System.Runtime.InteropServices;

namespace SynVid.Video.LibAv;

/// <summary>Owns one AVCodecContext (an open decoder) and frees it with <c>avcodec_free_context</c>.</summary>
internal sealed unsafe class CodecContextHandle : SafeHandle
{
    private readonly LibAvLibraries _av;

    public CodecContextHandle(LibAvLibraries av, IntPtr pointer)
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
        _av.avcodec_free_context(&pointer);
        return true;
    }
}
