using System.Runtime.InteropServices;

namespace SynVid.Video.LibAv;

/// <summary>Owns one SwsContext (a pixel format converter and scaler) and frees it with <c>sws_freeContext</c>.</summary>
internal sealed unsafe class ScalerHandle : SafeHandle
{
    private readonly LibAvLibraries _av;

    public ScalerHandle(LibAvLibraries av)
        : base(IntPtr.Zero, ownsHandle: true)
    {
        _av = av;
    }

    /// <inheritdoc />
    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>The native pointer, or zero before the first <see cref="Replace"/>.</summary>
    public IntPtr Pointer => handle;

    /// <summary>Takes ownership of a context returned by <c>sws_getCachedContext</c> (which frees the old one when it returns a new one).</summary>
    public void Replace(IntPtr pointer) => SetHandle(pointer);

    /// <inheritdoc />
    protected override bool ReleaseHandle()
    {
        _av.sws_freeContext(handle);
        return true;
    }
}
