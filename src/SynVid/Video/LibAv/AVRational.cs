using System.Runtime.InteropServices;

namespace SynVid.Video.LibAv;

/// <summary>FFmpeg's <c>AVRational</c>, passed by value to <c>av_opt_set_q</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct AVRational
{
    public readonly int Num;
    public readonly int Den;

    public AVRational(int num, int den)
    {
        Num = num;
        Den = den;
    }

    public Rational ToRational() => new(Num, Den);
}
