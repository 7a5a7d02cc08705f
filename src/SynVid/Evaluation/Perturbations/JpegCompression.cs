using SkiaSharp;
using SynVid.Video;

namespace SynVid.Evaluation.Perturbations;

/// <summary>
/// <c>compression</c> (Figure 3 "jpeg"): each frame is JPEG-encoded at the severity's quality and decoded again
/// (docs/reference-behaviour.md §6.2). The reference uses PIL (libjpeg: 4:2:0 chroma subsampling, baseline, standard tables scaled
/// by quality); SkiaSharp's encoder and decoder are libjpeg-turbo with the same settings.
/// </summary>
public sealed class JpegCompression : ISpatialPerturbation
{
    /// <summary>JPEG quality for severity 1..5 (docs/reference-behaviour.md §6.2).</summary>
    public static IReadOnlyList<int> Qualities { get; } = [25, 18, 15, 10, 7];

    /// <inheritdoc/>
    public string Key => "compression";

    /// <inheritdoc/>
    public string Label => "jpeg";

    /// <inheritdoc/>
    public PerturbationCategory Category => PerturbationCategory.Digital;

    /// <inheritdoc/>
    public int SeverityCount => Qualities.Count;

    /// <inheritdoc/>
    public RgbImage[] Apply(IReadOnlyList<RgbImage> frames, int severity, PerturbationRandom random)
    {
        this.CheckSeverity(severity);
        var quality = Qualities[severity - 1];
        return FrameMapping.MapFrames(frames, random, (frame, _) => RoundTrip(frame, quality));
    }

    /// <summary>Encodes one frame as a JPEG of the given quality (4:2:0) and decodes it.</summary>
    public static RgbImage RoundTrip(RgbImage frame, int quality)
    {
        ArgumentNullException.ThrowIfNull(frame);
        int w = frame.Width, h = frame.Height;
        var info = new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Opaque);
        var rgba = new byte[w * h * 4];
        var src = frame.Pixels;
        for (int i = 0, j = 0; i < src.Length; i += 3, j += 4)
        {
            rgba[j] = src[i];
            rgba[j + 1] = src[i + 1];
            rgba[j + 2] = src[i + 2];
            rgba[j + 3] = 255;
        }
        byte[] jpeg;
        unsafe
        {
            fixed (byte* p = rgba)
            {
                using var pixmap = new SKPixmap(info, (nint)p, w * 4);
                var options = new SKJpegEncoderOptions(quality, SKJpegEncoderDownsample.Downsample420, SKJpegEncoderAlphaOption.Ignore);
                using var data = pixmap.Encode(options)
                    ?? throw new InvalidOperationException($"JPEG encoding of a {w}×{h} frame failed");
                jpeg = data.ToArray();
            }
        }
        using var codec = SKCodec.Create(new SKMemoryStream(jpeg))
            ?? throw new InvalidOperationException("decoding the re-encoded JPEG failed");
        var decoded = new byte[w * h * 4];
        unsafe
        {
            fixed (byte* p = decoded)
            {
                var result = codec.GetPixels(info, (nint)p);
                if (result != SKCodecResult.Success)
                {
                    throw new InvalidOperationException($"decoding the re-encoded JPEG failed: {result}");
                }
            }
        }
        var output = new byte[w * h * 3];
        for (int i = 0, j = 0; i < output.Length; i += 3, j += 4)
        {
            output[i] = decoded[j];
            output[i + 1] = decoded[j + 1];
            output[i + 2] = decoded[j + 2];
        }
        return new RgbImage(w, h, output);
    }
}
