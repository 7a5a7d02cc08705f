namespace SynVid.Video;

/// <summary>
/// Which decoded picture is on screen at each wanted frame slot: slot <c>n</c> shows the last picture (in decoding
/// output order) whose slot is at most <c>n</c>, and the last picture holds to the end. This is the rule of ffmpeg's
/// <c>fps</c> filter, which the ffmpeg-process reader uses, so both readers pick the same pictures on every file,
/// including variable-frame-rate ones whose pictures skip slots.
/// </summary>
/// <typeparam name="T">The caller's picture (a decoded frame that is still to be converted).</typeparam>
internal sealed class OnScreenFrames<T>
    where T : class
{
    private readonly IReadOnlyList<long> _wanted;
    private int _next;
    private T? _current;
    private long _currentSlot;

    /// <param name="wanted">The wanted slots, ascending and distinct.</param>
    public OnScreenFrames(IReadOnlyList<long> wanted)
    {
        _wanted = wanted;
    }

    /// <summary>Whether every wanted slot has been shown.</summary>
    public bool Complete => _next == _wanted.Count;

    /// <summary>The first wanted slot not shown yet.</summary>
    public long NextWanted => _wanted[_next];

    /// <summary>Whether a picture has been added.</summary>
    public bool HasPicture => _current is not null;

    /// <summary>The slot of the picture on screen now.</summary>
    public long CurrentSlot => _currentSlot;

    /// <summary>
    /// Adds the next picture. Every wanted slot before <paramref name="slot"/> is settled first: it shows the picture
    /// that was current, passed to <paramref name="show"/> with the slot's position among the wanted ones. The picture it
    /// replaces goes to <paramref name="release"/>.
    /// </summary>
    public void Add(T picture, long slot, Action<int, T> show, Action<T> release)
    {
        if (_current is null)
        {
            _current = picture;
            _currentSlot = slot;
            return;
        }
        while (_next < _wanted.Count && slot > _wanted[_next])
        {
            show(_next, _current);
            _next++;
        }
        release(_current);
        _current = picture;
        _currentSlot = slot;
    }

    /// <summary>
    /// The next picture is known to start at <paramref name="nextSlot"/> before it is decoded: every wanted slot before
    /// it shows the current picture.
    /// </summary>
    public void SettleBefore(long nextSlot, Action<int, T> show)
    {
        if (_current is null)
        {
            return;
        }
        while (_next < _wanted.Count && nextSlot > _wanted[_next])
        {
            show(_next, _current);
            _next++;
        }
    }

    /// <summary>The stream ended: the current picture holds for every wanted slot left.</summary>
    public void Finish(Action<int, T> show)
    {
        if (_current is null)
        {
            return;
        }
        for (; _next < _wanted.Count; _next++)
        {
            show(_next, _current);
        }
    }

    /// <summary>Takes the current picture out (to release it when reading stops early).</summary>
    public T? TakeCurrent()
    {
        var current = _current;
        _current = null;
        return current;
    }
}
