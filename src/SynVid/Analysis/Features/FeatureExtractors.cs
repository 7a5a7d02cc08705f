using System.Globalization;
using static TorchSharp.torch;

namespace SynVid.Analysis.Features;

/// <summary>Opens an extractor from its spec: <c>random:SEED</c>, <c>onnx:FILE</c> or <c>videomae:FILE[,frames=N][,size=S][,heads=H][,frame=clip|tubelet]</c>.</summary>
public static class FeatureExtractors
{
    /// <summary>The accepted forms, for help text and errors.</summary>
    public const string Forms = "random:SEED, onnx:FILE or videomae:CHECKPOINT[,frames=N][,size=S][,heads=H][,frame=clip|tubelet]";

    /// <summary>Opens <paramref name="spec"/>; <paramref name="device"/> applies to the TorchSharp extractors.</summary>
    public static IFeatureExtractor Open(string spec, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var colon = spec.IndexOf(':', StringComparison.Ordinal);
        var kind = colon < 0 ? spec : spec[..colon];
        var rest = colon < 0 ? "" : spec[(colon + 1)..];
        switch (kind.ToLowerInvariant())
        {
            case "random":
                if (!long.TryParse(rest.Length == 0 ? "0" : rest, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed))
                {
                    throw new UserInputException($"--features '{spec}': SEED must be an integer (expected {Forms})");
                }
                return new RandomConvExtractor(seed, device);
            case "onnx":
                if (rest.Length == 0)
                {
                    throw new UserInputException($"--features '{spec}': FILE is missing (expected onnx:FILE)");
                }
                return new OnnxExtractor(rest);
            case "videomae":
                {
                    var parts = rest.Split(',');
                    if (parts[0].Length == 0)
                    {
                        throw new UserInputException($"--features '{spec}': CHECKPOINT is missing (expected videomae:CHECKPOINT[,frames=N][,size=S][,heads=H][,frame=clip|tubelet])");
                    }
                    int frames = 16, size = 224;
                    int? heads = null;
                    var tubeletFrames = false;
                    foreach (var option in parts.Skip(1))
                    {
                        var eq = option.IndexOf('=', StringComparison.Ordinal);
                        var key = eq < 0 ? option : option[..eq];
                        if (key == "frame")
                        {
                            tubeletFrames = option[(eq + 1)..] switch
                            {
                                "clip" => false,
                                "tubelet" => true,
                                var other => throw new UserInputException($"--features '{spec}': frame={other} must be frame=clip or frame=tubelet"),
                            };
                            continue;
                        }
                        if (eq < 0 || !int.TryParse(option[(eq + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1)
                        {
                            throw new UserInputException($"--features '{spec}': option '{option}' must be frames=N, size=S or heads=H with a positive integer");
                        }
                        switch (key)
                        {
                            case "frames":
                                frames = value;
                                break;
                            case "size":
                                size = value;
                                break;
                            case "heads":
                                heads = value;
                                break;
                            default:
                                throw new UserInputException($"--features '{spec}': unknown option '{key}' (known: frames, size, heads, frame)");
                        }
                    }
                    var model = VideoMaeEncoder.Load(parts[0], frames, size, heads);
                    var frameModel = tubeletFrames ? VideoMaeEncoder.Load(parts[0], model.Config.Encoder.TubeletSize, size, heads) : null;
                    return new VideoMaeExtractor(model, spec, device, frameModel: frameModel);
                }
            default:
                throw new UserInputException($"--features '{spec}': unknown extractor '{kind}' (expected {Forms})");
        }
    }
}
