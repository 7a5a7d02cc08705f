using System.Runtime.InteropServices;

namespace SynVid.Video.LibAv;

/// <summary>
/// Converts decoded frames to packed RGB (and scales them, when asked) with libswscale, set up as ffmpeg's
/// <c>scale</c> filter sets it up (the same flags and the frame's own colour matrix and range), so its output equals
/// what an ffmpeg process writes as <c>rgb24</c>. Converts into a 64-byte-aligned buffer, as ffmpeg's frames are, so
/// that swscale takes the same code paths.
/// </summary>
internal sealed unsafe class RgbConverter : IDisposable
{
    private const int Alignment = 64;
    private readonly LibAvLibraries _av;
    private readonly ScalerHandle _scaler;
    private (int Width, int Height, int Format, int OutWidth, int OutHeight, int Flags) _shape;
    private (int ColorSpace, int Range) _colors = (-1, -1);
    private byte* _buffer;
    private int _bufferBytes;

    public RgbConverter(LibAvLibraries av)
    {
        _av = av;
        _scaler = new ScalerHandle(av);
    }

    /// <summary>
    /// The frame as RGB bytes at <paramref name="outWidth"/> × <paramref name="outHeight"/>: converted at its own size
    /// with bicubic flags (ffmpeg's default for format conversion), or scaled bilinearly.
    /// </summary>
    public byte[] Convert(IntPtr frame, int outWidth, int outHeight)
    {
        var f = (byte*)frame;
        var width = *(int*)(f + LibAvAbi.FrameWidth);
        var height = *(int*)(f + LibAvAbi.FrameHeight);
        var format = *(int*)(f + LibAvAbi.FrameFormat);
        var flags = outWidth == width && outHeight == height ? LibAvAbi.SwsBicubic : LibAvAbi.SwsBilinear;
        var shape = (width, height, format, outWidth, outHeight, flags);
        if (shape != _shape || _scaler.Pointer == IntPtr.Zero)
        {
            var context = _av.sws_getCachedContext(_scaler.Pointer, width, height, format, outWidth, outHeight, LibAvAbi.PixelFormatRgb24, flags, IntPtr.Zero, IntPtr.Zero, null);
            if (context == IntPtr.Zero)
            {
                throw new InvalidOperationException($"libswscale cannot convert pixel format {format} at {width}×{height} to RGB at {outWidth}×{outHeight}");
            }
            if (context != _scaler.Pointer)
            {
                _scaler.Replace(context);
            }
            _shape = shape;
            _colors = (-1, -1);
        }
        SetColors(*(int*)(f + LibAvAbi.FrameColorSpace), *(int*)(f + LibAvAbi.FrameColorRange));

        var stride = (outWidth * 3 + Alignment - 1) / Alignment * Alignment;
        EnsureBuffer(stride * outHeight);
        var dst = stackalloc byte*[4] { _buffer, null, null, null };
        var dstStride = stackalloc int[4] { stride, 0, 0, 0 };
        var rows = _av.sws_scale(_scaler.Pointer, (byte**)(f + LibAvAbi.FrameData), (int*)(f + LibAvAbi.FrameLinesize), 0, height, dst, dstStride);
        if (rows != outHeight)
        {
            throw new InvalidOperationException($"libswscale wrote {rows} of {outHeight} rows");
        }
        var pixels = GC.AllocateUninitializedArray<byte>(outWidth * outHeight * 3);
        var rowBytes = outWidth * 3;
        fixed (byte* p = pixels)
        {
            for (var y = 0; y < outHeight; y++)
            {
                Buffer.MemoryCopy(_buffer + (long)y * stride, p + (long)y * rowBytes, rowBytes, rowBytes);
            }
        }
        return pixels;
    }

    public void Dispose()
    {
        _scaler.Dispose();
        if (_buffer is not null)
        {
            NativeMemory.AlignedFree(_buffer);
            _buffer = null;
        }
    }

    /// <summary>The scale filter's colour set-up: the frame's matrix (BT.601 when unknown) both ways, its range when known.</summary>
    private void SetColors(int colorSpace, int range)
    {
        if ((colorSpace, range) == _colors)
        {
            return;
        }
        int* inverse, table;
        int sourceFull, destinationFull, brightness, contrast, saturation;
        _av.sws_getColorspaceDetails(_scaler.Pointer, &inverse, &sourceFull, &table, &destinationFull, &brightness, &contrast, &saturation);
        const int bt470bg = 5;
        var matrix = colorSpace < 1 || colorSpace > 10 || colorSpace == 8 ? bt470bg : colorSpace;
        inverse = _av.sws_getCoefficients(matrix);
        if (range != 0)
        {
            sourceFull = range == LibAvAbi.RangeJpeg ? 1 : 0;
        }
        _av.sws_setColorspaceDetails(_scaler.Pointer, inverse, sourceFull, inverse, destinationFull, brightness, contrast, saturation);
        _colors = (colorSpace, range);
    }

    private void EnsureBuffer(int bytes)
    {
        if (bytes <= _bufferBytes)
        {
            return;
        }
        if (_buffer is not null)
        {
            NativeMemory.AlignedFree(_buffer);
        }
        _buffer = (byte*)NativeMemory.AlignedAlloc((nuint)bytes, Alignment);
        _bufferBytes = bytes;
    }
}
