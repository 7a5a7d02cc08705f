namespace SynVid.Video;

/// <summary>How <see cref="VideoReader"/> decodes video files.</summary>
public enum VideoDecoderKind
{
    /// <summary>In this process, through FFmpeg's shared libraries (libavformat, libavcodec, libswscale).</summary>
    InProcess,

    /// <summary>One ffmpeg (and ffprobe) process per read, frames through a pipe: the fallback where the libraries are missing.</summary>
    FfmpegProcess,
}
