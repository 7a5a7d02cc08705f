namespace SynVid.Video;

/// <summary>
/// Timestamp arithmetic exactly as FFmpeg does it (<c>av_rescale_q_rnd</c> with round-to-nearest, halves away from
/// zero), so that SynVid's in-process frame choice and ffmpeg's <c>fps</c> filter round every timestamp alike.
/// </summary>
internal static class Timestamps
{
    /// <summary><paramref name="a"/> · <paramref name="from"/> / <paramref name="to"/>, rounded to the nearest integer, halves away from zero.</summary>
    public static long Rescale(long a, Rational from, Rational to) =>
        RescaleNear(a, (Int128)from.Numerator * to.Denominator, (Int128)to.Numerator * from.Denominator);

    private static long RescaleNear(long a, Int128 b, Int128 c)
    {
        if (a < 0)
        {
            return -RescaleNear(-a, b, c);
        }
        return (long)(((Int128)a * b + c / 2) / c);
    }
}
