namespace SynVid.Datasets.Specs;

/// <summary>
/// A listed video that cannot be read (missing, not a video, truncated, undecodable frames). Under
/// <see cref="BadVideoPolicy.Fail"/> it stops the command with one line naming the file and the decoder's reason;
/// under <see cref="BadVideoPolicy.Skip"/> the readers catch it and leave the video out.
/// </summary>
public sealed class BadVideoException : UserInputException
{
    /// <summary>Creates the exception for <paramref name="path"/>; <paramref name="reason"/> is the decoder's message.</summary>
    public BadVideoException(string path, string reason, Exception? inner = null)
        : base($"bad video {path}: {reason}; --on-bad-video skip leaves bad videos out", inner ?? new InvalidDataException(reason))
    {
        Path = path;
        Reason = reason;
    }

    /// <summary>The video as listed.</summary>
    public string Path { get; }

    /// <summary>Why it cannot be read.</summary>
    public string Reason { get; }

    /// <summary>
    /// Whether <paramref name="error"/>, thrown while reading one video, means the video is bad (rather than a bug):
    /// the readers report missing and undecodable files as user errors, and out-of-range frames or stream errors
    /// for files whose container promises more than they hold.
    /// </summary>
    public static bool IsReadFailure(Exception error) =>
        error is UserInputException or IOException or ArgumentOutOfRangeException or InvalidDataException
        // a missing ffmpeg is no fault of the video
        && !error.Message.Contains(Video.Ffmpeg.InstallHint, StringComparison.Ordinal);

    /// <summary>A <see cref="BadVideoException"/> for <paramref name="path"/> from a reader's failure (the reason without the path the reader repeats).</summary>
    public static BadVideoException From(string path, Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (error is BadVideoException bad)
        {
            return bad;
        }
        // "video X has N frames (valid indices …) (Parameter 'indices')": keep the first part, in the CLI's words
        var message = error is ArgumentOutOfRangeException ? error.Message.Split(" (Parameter", 2)[0] : error.Message;
        return new BadVideoException(path, ReasonOf(path, message), error);
    }

    /// <summary>A reader's message about <paramref name="path"/> without the path it repeats ("video X: not a readable video (X: …)").</summary>
    public static string ReasonOf(string path, string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        foreach (var prefix in new[] { $"video {path}: ", $"video {path} ", $"{path}: " })
        {
            if (message.StartsWith(prefix, StringComparison.Ordinal))
            {
                message = message[prefix.Length..];
                break;
            }
        }
        // ffprobe and ffmpeg name the file again inside their own message
        return message.Replace(path + ": ", "", StringComparison.Ordinal);
    }
}
