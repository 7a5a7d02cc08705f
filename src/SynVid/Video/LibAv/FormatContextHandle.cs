using System.Runtime.InteropServices;

namespace SynVid.Video.LibAv;

/// <summary>Owns one AVFormatContext (an open input file) and frees it with <c>avformat_close_input</c>.</summary>
internal sealed unsafe class FormatContextHandle : SafeHandle
{
    private readonly LibAvLibraries _av;

    public FormatContextHandle(LibAvLibraries av, IntPtr pointer)
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
        _av.avformat_close_input(&pointer);
        return true;
    }
}
