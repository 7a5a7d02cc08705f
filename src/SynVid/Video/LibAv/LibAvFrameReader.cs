namespace SynVid.Video.LibAv;

/// <summary>
/// Reads frame slots from one open <see cref="LibAvVideoFile"/>: seeks near the first wanted slot, decodes forward,
/// lets <see cref="OnScreenFrames{T}"/> pick the picture on screen at each wanted slot, and converts only those
/// pictures (each once, however many slots it holds for).
/// </summary>
internal sealed unsafe class LibAvFrameReader : IDisposable
{
    private const int SeekRetries = 3;
    private readonly LibAvLibraries _av;
    private readonly LibAvVideoFile _file;
    private readonly string _path;
    private readonly VideoInfo _info;
    private readonly SlotClock _clock;
    private readonly FrameSize _size;
    private readonly RgbConverter _converter;
    private readonly Stack<LibAvHandle> _spare = new();
    private readonly List<LibAvHandle> _allocated = [];
    private LibAvHandle? _converted;
    private byte[] _convertedPixels = [];

    public LibAvFrameReader(LibAvLibraries av, LibAvVideoFile file, string path, VideoInfo info, FrameSize? size)
    {
        _av = av;
        _file = file;
        _path = path;
        if (!info.FrameRate.IsPositive || !info.TimeBase.IsPositive || info.FirstPictureTime is null)
        {
            // Made by hand (not probed from this file): probe for the stream's timing.
            using var probing = LibAvVideoFile.Open(av, path, findStreamInfo: true);
            var probed = probing.Probe();
            info = info with { FrameRate = probed.FrameRate, TimeBase = probed.TimeBase, FirstPictureTime = probed.FirstPictureTime ?? 0 };
        }
        _info = info;
        _clock = new SlotClock(info.FrameRate, info.TimeBase, info.FirstPictureTime!.Value);
        _size = size ?? new FrameSize(info.Width, info.Height);
        _converter = new RgbConverter(av);
    }

    /// <summary>The frames at <paramref name="slots"/> (ascending, distinct).</summary>
    public IReadOnlyList<RgbImage> Read(IReadOnlyList<long> slots)
    {
        var frames = new RgbImage?[slots.Count];
        var screen = new OnScreenFrames<LibAvHandle>(slots);
        void Show(int k, LibAvHandle picture) => frames[k] = ToRgb(picture);
        _file.Needed = (pts, next) => Shown(slots, _clock.SlotOf(pts), next == long.MaxValue ? long.MaxValue : _clock.SlotOf(next));
        var seeked = slots[0] > 0 && SeekBefore(slots[0], attempt: 0);
        var attempts = 0;
        while (!screen.Complete)
        {
            var picture = Rent();
            if (!_file.NextPicture(picture))
            {
                Release(picture);
                break;
            }
            var pts = LibAvVideoFile.BestEffortTimestamp(picture.Pointer);
            if (pts == LibAvAbi.NoPts)
            {
                Release(picture);
                continue;
            }
            var slot = _clock.SlotOf(pts);
            if (seeked && !screen.HasPicture && slot > screen.NextWanted)
            {
                // The seek landed on a keyframe shown after the wanted slot (a demuxer seeking by decoding time): go further back.
                Release(picture);
                seeked = SeekBefore(slots[0], ++attempts);
                continue;
            }
            screen.Add(picture, slot, Show, Release);
            if (_file.TryGetSuccessor(pts, out var next))
            {
                // The packets already tell when this picture is replaced: no need to decode the next one to find out.
                screen.SettleBefore(next == long.MaxValue ? long.MaxValue : _clock.SlotOf(next), Show);
            }
        }
        screen.Finish(Show);
        _file.Needed = null;
        if (screen.TakeCurrent() is { } last)
        {
            Release(last);
        }
        var missing = Array.FindIndex(frames, f => f is null);
        if (missing >= 0)
        {
            throw new UserInputException($"video {_path}: frame {slots[missing]} could not be decoded (the file reports {_info.FrameCount} frames)");
        }
        return frames!;
    }

    /// <summary>Every slot 0 .. FrameCount − 1, decoded lazily from the start.</summary>
    public IEnumerable<RgbImage> Stream()
    {
        var slots = new long[_info.FrameCount];
        for (var i = 0; i < slots.Length; i++)
        {
            slots[i] = i;
        }
        var screen = new OnScreenFrames<LibAvHandle>(slots);
        var ready = new Queue<RgbImage>();
        void Show(int k, LibAvHandle picture) => ready.Enqueue(ToRgb(picture));
        var produced = 0;
        try
        {
            while (!screen.Complete)
            {
                var picture = Rent();
                if (!_file.NextPicture(picture))
                {
                    Release(picture);
                    break;
                }
                var pts = LibAvVideoFile.BestEffortTimestamp(picture.Pointer);
                if (pts == LibAvAbi.NoPts)
                {
                    Release(picture);
                    continue;
                }
                screen.Add(picture, _clock.SlotOf(pts), Show, Release);
                while (ready.Count > 0)
                {
                    produced++;
                    yield return ready.Dequeue();
                }
            }
            screen.Finish(Show);
            while (ready.Count > 0)
            {
                produced++;
                yield return ready.Dequeue();
            }
        }
        finally
        {
            if (screen.TakeCurrent() is { } last)
            {
                Release(last);
            }
        }
        if (produced < _info.FrameCount)
        {
            throw new UserInputException($"video {_path}: frame {produced} could not be decoded (the file reports {_info.FrameCount} frames)");
        }
    }

    /// <summary>Whether a picture on screen from slot <paramref name="from"/> until <paramref name="until"/> (exclusive) shows at a wanted slot.</summary>
    private static bool Shown(IReadOnlyList<long> slots, long from, long until)
    {
        // The first wanted slot at or after `from`, by binary search.
        int lo = 0, hi = slots.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (slots[mid] < from)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo < slots.Count && slots[lo] < until;
    }

    public void Dispose()
    {
        foreach (var frame in _allocated)
        {
            frame.Dispose();
        }
        _converter.Dispose();
    }

    /// <summary>Seeks to the keyframe at or before the middle of slots <paramref name="slot"/> − 1 and <paramref name="slot"/>, a second further back per earlier attempt; true when it seeked.</summary>
    private bool SeekBefore(long slot, int attempt)
    {
        if (attempt < SeekRetries)
        {
            var back = attempt == 0 ? 0 : Timestamps.Rescale(1L << (attempt - 1), new Rational(1, 1), _info.TimeBase);
            if (_file.Seek(_clock.TimeBefore(slot) - back))
            {
                return true;
            }
        }
        // Could not seek, or kept landing late: read from the start.
        _file.Rewind();
        return false;
    }

    private RgbImage ToRgb(LibAvHandle picture)
    {
        if (!ReferenceEquals(picture, _converted))
        {
            var f = (byte*)picture.Pointer;
            var (width, height) = (*(int*)(f + LibAvAbi.FrameWidth), *(int*)(f + LibAvAbi.FrameHeight));
            if ((width, height) != (_info.Width, _info.Height))
            {
                throw new UserInputException(
                    $"video {_path}: a picture is {width}×{height} where the stream is {_info.Width}×{_info.Height} (frame size changes mid-stream are not supported)");
            }
            _convertedPixels = _converter.Convert(picture.Pointer, _size.Width, _size.Height);
            _converted = picture;
            return new RgbImage(_size.Width, _size.Height, _convertedPixels);
        }
        return new RgbImage(_size.Width, _size.Height, (byte[])_convertedPixels.Clone());
    }

    private LibAvHandle Rent()
    {
        if (_spare.TryPop(out var frame))
        {
            return frame;
        }
        frame = _file.NewFrame();
        _allocated.Add(frame);
        return frame;
    }

    private void Release(LibAvHandle frame)
    {
        if (ReferenceEquals(frame, _converted))
        {
            _converted = null;
        }
        _av.av_frame_unref(frame.Pointer);
        _spare.Push(frame);
    }
}
