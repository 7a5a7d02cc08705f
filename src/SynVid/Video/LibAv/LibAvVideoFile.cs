using System.Text;

namespace SynVid.Video.LibAv;

/// <summary>
/// One video file open in-process: its demuxer and a single-threaded decoder for its first video stream. Reads
/// pictures in presentation order, seeks to the keyframe at or before a timestamp. Not thread-safe: one per thread.
/// </summary>
internal sealed unsafe class LibAvVideoFile : IDisposable
{
    /// <summary>Packets demuxed ahead of the decoder: more than any stream's reordering depth, so that each packet's successor in presentation order is among them.</summary>
    private const int Lookahead = 16;
    private const int DiscardDefault = 0;
    private const int DiscardNonReference = 8;

    private readonly LibAvLibraries _av;
    private readonly string _path;
    private readonly bool _findStreamInfo;
    private readonly LibAvHandle _packet;
    private readonly Queue<LibAvHandle> _ahead = new();
    private readonly Stack<LibAvHandle> _sparePackets = new();
    private readonly List<LibAvHandle> _packets = [];
    private readonly SortedSet<long> _demuxedTimes = [];
    private bool _allTimed = true;
    private long _lastDts = long.MinValue;
    private LibAvHandle _format = null!;
    private LibAvHandle _codec = null!;
    private IntPtr _stream;
    private int _streamIndex;
    private bool _demuxerEnded;
    private bool _decoderDrained;

    private LibAvVideoFile(LibAvLibraries av, string path, bool findStreamInfo)
    {
        _av = av;
        _path = path;
        _findStreamInfo = findStreamInfo;
        _packet = new LibAvHandle(av.av_packet_free, av.av_packet_alloc());
        try
        {
            OpenInput();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The stream's time base.</summary>
    public Rational TimeBase { get; private set; }

    /// <summary>
    /// Whether the picture with presentation timestamp <c>pts</c> is needed, given the timestamp of the next picture
    /// (<see cref="long.MaxValue"/> after the last). When set, packets of unneeded pictures are decoded with
    /// non-reference pictures discarded: such a picture is never shown, and no other picture depends on it.
    /// </summary>
    public Func<long, long, bool>? Needed { get; set; }

    /// <summary>
    /// Opens <paramref name="path"/>. <paramref name="findStreamInfo"/> reads ahead to fill every stream parameter as
    /// ffprobe reports them (needed by <see cref="Probe"/>); reading frames does not need it.
    /// </summary>
    public static LibAvVideoFile Open(LibAvLibraries av, string path, bool findStreamInfo) => new(av, path, findStreamInfo);

    /// <summary>
    /// What ffprobe reports about the stream, plus the timestamp of the first picture and the span of the packets'
    /// timestamps, which the frame rule needs. Reads the whole file (demuxing only, after the first picture) and leaves
    /// the position at its end.
    /// </summary>
    public VideoInfo Probe()
    {
        var par = CodecParameters;
        var width = *(int*)(par + LibAvAbi.ParWidth);
        var height = *(int*)(par + LibAvAbi.ParHeight);
        var nbFrames = *(long*)((byte*)_stream + LibAvAbi.StreamNbFrames);
        var averageRate = ((AVRational*)((byte*)_stream + LibAvAbi.StreamAvgFrameRate))->ToRational();
        var nominalRate = ((AVRational*)((byte*)_stream + LibAvAbi.StreamRFrameRate))->ToRational();
        var startPts = *(long*)((byte*)_stream + LibAvAbi.StreamStartTime);
        var codec = _av.CodecName(*(int*)(par + LibAvAbi.ParCodecId));

        long packets = 0, firstTime = long.MaxValue, lastTime = long.MinValue;
        long? firstPicture = null;
        using var frame = NewFrame();
        while (ReadPacket())
        {
            var pts = *(long*)((byte*)_packet.Pointer + LibAvAbi.PacketPts);
            var time = pts != LibAvAbi.NoPts ? pts : *(long*)((byte*)_packet.Pointer + LibAvAbi.PacketDts);
            packets++;
            if (time != LibAvAbi.NoPts)
            {
                firstTime = Math.Min(firstTime, time);
                lastTime = Math.Max(lastTime, time);
            }
            if (firstPicture is null)
            {
                _av.avcodec_send_packet(_codec.Pointer, _packet.Pointer);
                if (_av.avcodec_receive_frame(_codec.Pointer, frame.Pointer) == 0)
                {
                    firstPicture = BestEffortTimestamp(frame.Pointer);
                    _av.av_frame_unref(frame.Pointer);
                }
            }
            _av.av_packet_unref(_packet.Pointer);
        }
        if (firstPicture is null && packets > 0 && NextPictureAfterEnd(frame))
        {
            firstPicture = BestEffortTimestamp(frame.Pointer);
            _av.av_frame_unref(frame.Pointer);
        }
        return new StreamFacts(
            _path, codec, width, height, nbFrames, averageRate, nominalRate, TimeBase, startPts, packets,
            lastTime >= firstTime ? lastTime - firstTime : null, firstPicture).ToVideoInfo();
    }

    /// <summary>Decodes the next picture into <paramref name="frame"/>; false when the stream has no more.</summary>
    public bool NextPicture(LibAvHandle frame)
    {
        while (true)
        {
            var received = _av.avcodec_receive_frame(_codec.Pointer, frame.Pointer);
            if (received == 0)
            {
                return true;
            }
            if (received == LibAvAbi.ErrorEof || _decoderDrained)
            {
                _decoderDrained = true;
                return false;
            }
            // EAGAIN, or a broken picture (which ffmpeg logs and passes over, as this reader does): feed the next packet.
            FillLookahead();
            if (_ahead.TryDequeue(out var packet))
            {
                *(int*)((byte*)_codec.Pointer + LibAvAbi.CodecSkipFrame) = CanDiscard(packet) ? DiscardNonReference : DiscardDefault;
                // Invalid data in one packet is skipped, as the ffmpeg command line does.
                _av.avcodec_send_packet(_codec.Pointer, packet.Pointer);
                _av.av_packet_unref(packet.Pointer);
                _sparePackets.Push(packet);
            }
            else if (_av.avcodec_send_packet(_codec.Pointer, IntPtr.Zero) < 0)
            {
                _decoderDrained = true;
            }
        }
    }

    /// <summary>
    /// Moves to the keyframe at or before <paramref name="timestamp"/> (stream time base) and empties the decoder;
    /// false when the demuxer cannot seek (the position is then undefined: <see cref="Rewind"/>).
    /// </summary>
    public bool Seek(long timestamp)
    {
        var result = _av.av_seek_frame(_format.Pointer, _streamIndex, timestamp, LibAvAbi.SeekBackward);
        _av.avcodec_flush_buffers(_codec.Pointer);
        ResetReading();
        return result >= 0;
    }

    /// <summary>
    /// The presentation timestamp of the picture after the one at <paramref name="pts"/>, when the packets demuxed so
    /// far settle it (<see cref="long.MaxValue"/>: none follows): later packets decode after the last one demuxed, so
    /// their timestamps are at least its decoding timestamp.
    /// </summary>
    public bool TryGetSuccessor(long pts, out long successor)
    {
        successor = long.MaxValue;
        if (!_allTimed)
        {
            return false;
        }
        var later = _demuxedTimes.GetViewBetween(pts + 1, long.MaxValue);
        if (later.Count > 0)
        {
            successor = later.Min;
            return _lastDts >= successor || _demuxerEnded;
        }
        return _demuxerEnded;
    }

    /// <summary>Reopens the file at its start (for demuxers that cannot seek back).</summary>
    public void Rewind()
    {
        _codec.Dispose();
        _format.Dispose();
        OpenInput();
        ResetReading();
    }

    /// <summary>A new frame to decode into.</summary>
    public LibAvHandle NewFrame()
    {
        var pointer = _av.av_frame_alloc();
        if (pointer == IntPtr.Zero)
        {
            throw new OutOfMemoryException("av_frame_alloc failed");
        }
        return new LibAvHandle(_av.av_frame_free, pointer);
    }

    /// <summary>The decoder's timestamp of a decoded picture (<c>best_effort_timestamp</c>, what ffmpeg uses), or <see cref="LibAvAbi.NoPts"/>.</summary>
    public static long BestEffortTimestamp(IntPtr frame) => *(long*)((byte*)frame + LibAvAbi.FrameBestEffortTimestamp);

    public void Dispose()
    {
        _codec?.Dispose();
        _format?.Dispose();
        _packet.Dispose();
        foreach (var packet in _packets)
        {
            packet.Dispose();
        }
    }

    private IntPtr CodecParameters => *(IntPtr*)((byte*)_stream + LibAvAbi.StreamCodecPar);

    private void OpenInput()
    {
        _demuxerEnded = false;
        _decoderDrained = false;
        IntPtr format = IntPtr.Zero;
        // "file:" keeps a colon in a file name from being read as a protocol.
        var url = Encoding.UTF8.GetBytes("file:" + _path + "\0");
        int opened;
        fixed (byte* u = url)
        {
            opened = _av.avformat_open_input(&format, u, IntPtr.Zero, IntPtr.Zero);
        }
        if (opened < 0)
        {
            throw new UserInputException($"video {_path}: not a readable video ({_av.ErrorText(opened)})");
        }
        _format = new LibAvHandle(_av.avformat_close_input, format);
        if (_findStreamInfo || !HeaderDescribesVideo(format))
        {
            var found = _av.avformat_find_stream_info(format, IntPtr.Zero);
            if (found < 0)
            {
                throw new UserInputException($"video {_path}: not a readable video ({_av.ErrorText(found)})");
            }
        }
        var count = *(uint*)((byte*)format + LibAvAbi.FormatNbStreams);
        var streams = *(IntPtr**)((byte*)format + LibAvAbi.FormatStreams);
        _streamIndex = -1;
        for (var i = 0; i < count; i++)
        {
            var par = *(IntPtr*)((byte*)streams[i] + LibAvAbi.StreamCodecPar);
            if (*(int*)((byte*)par + LibAvAbi.ParCodecType) == LibAvAbi.MediaTypeVideo)
            {
                _streamIndex = i;
                _stream = streams[i];
                break;
            }
        }
        if (_streamIndex < 0)
        {
            throw new UserInputException($"video {_path}: the file has no video stream");
        }
        TimeBase = ((AVRational*)((byte*)_stream + LibAvAbi.StreamTimeBase))->ToRational();
        OpenDecoder();
    }

    /// <summary>Whether the container's header alone gives a video stream with a size (mp4, avi, mkv do; raw streams need reading ahead).</summary>
    private static bool HeaderDescribesVideo(IntPtr format)
    {
        var count = *(uint*)((byte*)format + LibAvAbi.FormatNbStreams);
        var streams = *(IntPtr**)((byte*)format + LibAvAbi.FormatStreams);
        for (var i = 0; i < count; i++)
        {
            var par = *(byte**)((byte*)streams[i] + LibAvAbi.StreamCodecPar);
            if (*(int*)(par + LibAvAbi.ParCodecType) == LibAvAbi.MediaTypeVideo)
            {
                return *(int*)(par + LibAvAbi.ParWidth) > 0 && *(int*)(par + LibAvAbi.ParHeight) > 0;
            }
        }
        return false;
    }

    private void OpenDecoder()
    {
        var codecId = *(int*)((byte*)CodecParameters + LibAvAbi.ParCodecId);
        var decoder = _av.avcodec_find_decoder(codecId);
        if (decoder == IntPtr.Zero)
        {
            throw new UserInputException($"video {_path}: no decoder for its codec ({_av.CodecName(codecId)})");
        }
        _codec = new LibAvHandle(_av.avcodec_free_context, _av.avcodec_alloc_context3(decoder));
        var result = _av.avcodec_parameters_to_context(_codec.Pointer, CodecParameters);
        if (result >= 0)
        {
            // One thread per decoder: readers run one per worker thread, and a decoder's own threads would only contend.
            fixed (byte* threads = "threads\0"u8, timeBase = "pkt_timebase\0"u8)
            {
                _av.av_opt_set_int(_codec.Pointer, threads, 1, 0);
                var tb = (AVRational*)((byte*)_stream + LibAvAbi.StreamTimeBase);
                _av.av_opt_set_q(_codec.Pointer, timeBase, *tb, 0);
            }
            result = _av.avcodec_open2(_codec.Pointer, decoder, IntPtr.Zero);
        }
        if (result < 0)
        {
            throw new UserInputException($"video {_path}: its {_av.CodecName(codecId)} stream cannot be decoded ({_av.ErrorText(result)})");
        }
    }

    private void ResetReading()
    {
        _demuxerEnded = false;
        _decoderDrained = false;
        while (_ahead.TryDequeue(out var packet))
        {
            _av.av_packet_unref(packet.Pointer);
            _sparePackets.Push(packet);
        }
        _demuxedTimes.Clear();
        _allTimed = true;
        _lastDts = long.MinValue;
    }

    /// <summary>Demuxes until <see cref="Lookahead"/> packets wait or the stream ends, noting their timestamps.</summary>
    private void FillLookahead()
    {
        while (!_demuxerEnded && _ahead.Count < Lookahead)
        {
            if (!_sparePackets.TryPop(out var packet))
            {
                packet = new LibAvHandle(_av.av_packet_free, _av.av_packet_alloc());
                _packets.Add(packet);
            }
            if (!ReadPacket(packet))
            {
                _sparePackets.Push(packet);
                _demuxerEnded = true;
                break;
            }
            var pts = *(long*)((byte*)packet.Pointer + LibAvAbi.PacketPts);
            var dts = *(long*)((byte*)packet.Pointer + LibAvAbi.PacketDts);
            if (pts == LibAvAbi.NoPts || dts == LibAvAbi.NoPts)
            {
                _allTimed = false;
            }
            else
            {
                _demuxedTimes.Add(pts);
                _lastDts = Math.Max(_lastDts, dts);
            }
            _ahead.Enqueue(packet);
        }
    }

    /// <summary>Whether the picture of <paramref name="packet"/> is known to be unneeded (see <see cref="Needed"/>).</summary>
    private bool CanDiscard(LibAvHandle packet)
    {
        if (Needed is null || !_allTimed)
        {
            return false;
        }
        var pts = *(long*)((byte*)packet.Pointer + LibAvAbi.PacketPts);
        // The earliest later timestamp among the packets ahead: the successor, or a later picture (which only widens the
        // range the picture could be shown in, so the test errs towards decoding).
        long? successor = null;
        foreach (var ahead in _ahead)
        {
            var other = *(long*)((byte*)ahead.Pointer + LibAvAbi.PacketPts);
            if (other > pts && (successor is null || other < successor))
            {
                successor = other;
            }
        }
        if (successor is null && !_demuxerEnded)
        {
            return false;
        }
        return !Needed(pts, successor ?? long.MaxValue);
    }

    /// <summary>Reads the next packet of the video stream into <see cref="_packet"/>; false at the end (or a read error, which ffmpeg treats alike).</summary>
    private bool ReadPacket() => ReadPacket(_packet);

    private bool ReadPacket(LibAvHandle packet)
    {
        while (_av.av_read_frame(_format.Pointer, packet.Pointer) >= 0)
        {
            if (*(int*)((byte*)packet.Pointer + LibAvAbi.PacketStreamIndex) == _streamIndex)
            {
                return true;
            }
            _av.av_packet_unref(packet.Pointer);
        }
        return false;
    }

    /// <summary>After the last packet: drains the decoder until it returns one picture.</summary>
    private bool NextPictureAfterEnd(LibAvHandle frame)
    {
        _av.avcodec_send_packet(_codec.Pointer, IntPtr.Zero);
        while (true)
        {
            var received = _av.avcodec_receive_frame(_codec.Pointer, frame.Pointer);
            if (received == 0)
            {
                return true;
            }
            if (received == LibAvAbi.ErrorEof || received == LibAvAbi.ErrorAgain)
            {
                return false;
            }
        }
    }
}
