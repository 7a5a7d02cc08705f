using System.Globalization;

namespace SynVid.Video;

/// <summary>
/// The frame slot a picture timestamp falls in: slots are 1/fps apart, slot 0 at the first picture, and a timestamp
/// rounds to the nearest slot. The arithmetic copies ffmpeg's <c>fps</c> filter given <see cref="StartSecondsText"/> as
/// its <c>start_time</c>, step for step, so the in-process reader and the ffmpeg-process reader agree to the tick.
/// </summary>
internal sealed class SlotClock
{
    private static readonly Rational Microseconds = new(1, 1_000_000);
    private readonly Rational _timeBase;
    private readonly Rational _slot;
    private readonly long _inputOffset;

    /// <param name="frameRate">Slots per second (the stream's average frame rate).</param>
    /// <param name="timeBase">The stream's time base.</param>
    /// <param name="firstPictureTime">Timestamp of the first picture the decoder returns, in <paramref name="timeBase"/> units.</param>
    public SlotClock(Rational frameRate, Rational timeBase, long firstPictureTime)
    {
        _timeBase = timeBase;
        _slot = new Rational(frameRate.Denominator, frameRate.Numerator);
        StartSeconds = firstPictureTime * (double)timeBase.Numerator / timeBase.Denominator;
        // fps: first_pts = start_time · AV_TIME_BASE, truncated to an integer, then rescaled to the input time base.
        var firstMicroseconds = (long)(StartSeconds * 1_000_000.0);
        _inputOffset = Timestamps.Rescale(firstMicroseconds, Microseconds, timeBase);
    }

    /// <summary>The first picture's time in seconds.</summary>
    public double StartSeconds { get; }

    /// <summary><see cref="StartSeconds"/> as text that parses back to the same double.</summary>
    public string StartSecondsText => StartSeconds.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The slot of a picture with timestamp <paramref name="pts"/>.</summary>
    public long SlotOf(long pts) => Timestamps.Rescale(pts - _inputOffset, _timeBase, _slot);

    /// <summary>The timestamp (in the stream's time base, rounded) of the middle between slot <paramref name="slot"/> − 1 and <paramref name="slot"/>.</summary>
    public long TimeBefore(long slot) =>
        _inputOffset + Timestamps.Rescale(2 * slot - 1, new Rational(_slot.Numerator, 2 * _slot.Denominator), _timeBase);
}
