using System.Globalization;
using SynVid.Video;

namespace SynVid.Datasets.Augmentation;

/// <summary>The operations of timm's "increasing" RandAugment set (inc1), in its order.</summary>
public enum RandAugmentOp
{
    /// <summary>Per-channel contrast stretch.</summary>
    AutoContrast,

    /// <summary>Per-channel histogram equalisation.</summary>
    Equalize,

    /// <summary>255 − v.</summary>
    Invert,

    /// <summary>Rotation by ±30°·m/10 about the centre.</summary>
    Rotate,

    /// <summary>Keep 4 − ⌊4m/10⌋ bits.</summary>
    PosterizeIncreasing,

    /// <summary>Invert values ≥ 256 − ⌊256m/10⌋.</summary>
    SolarizeIncreasing,

    /// <summary>Add ⌊110m/10⌋ below 128.</summary>
    SolarizeAdd,

    /// <summary>Saturation factor 1 ± 0.9m/10.</summary>
    ColorIncreasing,

    /// <summary>Contrast factor 1 ± 0.9m/10.</summary>
    ContrastIncreasing,

    /// <summary>Brightness factor 1 ± 0.9m/10.</summary>
    BrightnessIncreasing,

    /// <summary>Sharpness factor 1 ± 0.9m/10.</summary>
    SharpnessIncreasing,

    /// <summary>Horizontal shear ±0.3m/10.</summary>
    ShearX,

    /// <summary>Vertical shear ±0.3m/10.</summary>
    ShearY,

    /// <summary>Horizontal shift ±0.45m/10 of the width.</summary>
    TranslateXRel,

    /// <summary>Vertical shift ±0.45m/10 of the height.</summary>
    TranslateYRel,
}

/// <summary>
/// RandAugment as timm configures it from a string such as <c>rand-m7-n4-mstd0.5-inc1</c> (the reference's
/// fine-tuning setting, docs/reference-behaviour.md §5.3): <paramref name="NumOps"/> operations drawn with replacement, each applied
/// with probability <paramref name="Probability"/> at magnitude ~ N(m, mstd) clipped to [0, 10], fill grey 128,
/// bicubic resampling.
/// </summary>
/// <param name="Magnitude">m.</param>
/// <param name="NumOps">n.</param>
/// <param name="MagnitudeStd">mstd.</param>
/// <param name="Increasing">inc1: the "increasing" operation set (only that set is implemented).</param>
/// <param name="Probability">Probability that each drawn operation fires (0.5).</param>
/// <param name="Fill">Grey level of pixels uncovered by geometric operations (128).</param>
public sealed record RandAugmentConfig(double Magnitude = 7, int NumOps = 4, double MagnitudeStd = 0.5, bool Increasing = true, double Probability = 0.5, byte Fill = 128)
{
    /// <summary>Largest magnitude.</summary>
    public const double MaxLevel = 10;

    /// <summary>The reference setting <c>rand-m7-n4-mstd0.5-inc1</c>.</summary>
    public static RandAugmentConfig Reference { get; } = Parse("rand-m7-n4-mstd0.5-inc1");

    /// <summary>Parses timm's RandAugment string (keys m, n, mstd, inc, p); throws <see cref="UserInputException"/> on anything else.</summary>
    public static RandAugmentConfig Parse(string text)
    {
        var parts = text.Split('-');
        if (parts[0] != "rand")
        {
            throw new UserInputException($"RandAugment '{text}' must start with 'rand-'");
        }
        var config = new RandAugmentConfig(Increasing: false);
        foreach (var part in parts.Skip(1))
        {
            var key = new string(part.TakeWhile(char.IsLetter).ToArray());
            var value = part[key.Length..];
            if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
            {
                throw new UserInputException($"RandAugment '{text}': '{part}' has no number");
            }
            config = key switch
            {
                "m" => config with { Magnitude = v },
                "n" => config with { NumOps = (int)v },
                "mstd" => config with { MagnitudeStd = v },
                "inc" => config with { Increasing = v != 0 },
                "p" => config with { Probability = v },
                _ => throw new UserInputException($"RandAugment '{text}': unknown key '{key}' (known: m, n, mstd, inc, p)"),
            };
        }
        if (!config.Increasing)
        {
            throw new UserInputException($"RandAugment '{text}': only the increasing operation set (inc1) is implemented");
        }
        if (config.NumOps < 0 || config.Magnitude < 0 || config.Probability is < 0 or > 1)
        {
            throw new UserInputException($"RandAugment '{text}': n, m must be non-negative and p in [0, 1]");
        }
        return config;
    }
}

/// <summary>One drawn operation with its argument (degrees, factor, shear, fraction of the size, bits or threshold).</summary>
/// <param name="Op">The operation.</param>
/// <param name="Argument">Its argument after the magnitude mapping and random sign.</param>
public readonly record struct AppliedOp(RandAugmentOp Op, double Argument);

/// <summary>
/// RandAugment for clips: <see cref="Plan"/> draws the operations and their arguments once, <see cref="Apply"/> runs
/// that plan on every frame, so a clip is transformed consistently (image-dependent operations such as equalisation
/// still use each frame's own histogram, as the reference does when it maps PIL operations over the frames).
/// </summary>
public sealed class RandAugment(RandAugmentConfig config)
{
    /// <summary>The configuration.</summary>
    public RandAugmentConfig Config { get; } = config;

    /// <summary>Draws the operations that fire, in order, with their arguments.</summary>
    public IReadOnlyList<AppliedOp> Plan(Random rng)
    {
        var all = Enum.GetValues<RandAugmentOp>();
        var chosen = Enumerable.Range(0, Config.NumOps).Select(_ => all[rng.Next(all.Length)]).ToArray();
        var plan = new List<AppliedOp>();
        foreach (var op in chosen)
        {
            if (Config.Probability < 1 && rng.NextDouble() > Config.Probability)
            {
                continue;
            }
            var m = Config.Magnitude;
            if (Config.MagnitudeStd > 0)
            {
                m = Gaussian(rng, m, Config.MagnitudeStd);
            }
            m = Math.Clamp(m, 0, RandAugmentConfig.MaxLevel);
            plan.Add(new AppliedOp(op, Argument(op, m, rng)));
        }
        return plan;
    }

    /// <summary>The argument of <paramref name="op"/> at magnitude <paramref name="m"/> (timm's level mapping).</summary>
    public static double Argument(RandAugmentOp op, double m, Random rng)
    {
        var level = m / RandAugmentConfig.MaxLevel;
        double Signed(double v) => rng.NextDouble() > 0.5 ? -v : v;
        return op switch
        {
            RandAugmentOp.Rotate => Signed(level * 30),
            RandAugmentOp.PosterizeIncreasing => 4 - (int)(level * 4),
            RandAugmentOp.SolarizeIncreasing => 256 - (int)(level * 256),
            RandAugmentOp.SolarizeAdd => (int)(level * 110),
            RandAugmentOp.ColorIncreasing or RandAugmentOp.ContrastIncreasing or RandAugmentOp.BrightnessIncreasing
                or RandAugmentOp.SharpnessIncreasing => 1 + Signed(level * 0.9),
            RandAugmentOp.ShearX or RandAugmentOp.ShearY => Signed(level * 0.3),
            RandAugmentOp.TranslateXRel or RandAugmentOp.TranslateYRel => Signed(level * 0.45),
            _ => 0,
        };
    }

    /// <summary>Applies <paramref name="plan"/> to every frame.</summary>
    public RgbImage[] Apply(IReadOnlyList<RgbImage> frames, IReadOnlyList<AppliedOp> plan)
    {
        // frames are independent under a fixed plan, so they may run in parallel without changing the result
        var result = new RgbImage[frames.Count];
        Parallel.For(0, frames.Count, t => result[t] = plan.Aggregate(frames[t], (image, op) => ApplyOne(image, op, Config.Fill)));
        return result;
    }

    /// <summary>One operation on one image.</summary>
    public static RgbImage ApplyOne(RgbImage image, AppliedOp op, byte fill)
    {
        var a = op.Argument;
        return op.Op switch
        {
            RandAugmentOp.AutoContrast => PixelOps.AutoContrast(image),
            RandAugmentOp.Equalize => PixelOps.Equalize(image),
            RandAugmentOp.Invert => PixelOps.Invert(image),
            RandAugmentOp.Rotate => Rotate(image, a, fill),
            RandAugmentOp.PosterizeIncreasing => PixelOps.Posterize(image, (int)a),
            RandAugmentOp.SolarizeIncreasing => PixelOps.Solarize(image, (int)a),
            RandAugmentOp.SolarizeAdd => PixelOps.SolarizeAdd(image, (int)a),
            RandAugmentOp.ColorIncreasing => PixelOps.Color(image, a),
            RandAugmentOp.ContrastIncreasing => PixelOps.Contrast(image, a),
            RandAugmentOp.BrightnessIncreasing => PixelOps.Brightness(image, a),
            RandAugmentOp.SharpnessIncreasing => PixelOps.Sharpness(image, a),
            RandAugmentOp.ShearX => PixelOps.Affine(image, 1, a, 0, 0, 1, 0, fill),
            RandAugmentOp.ShearY => PixelOps.Affine(image, 1, 0, 0, a, 1, 0, fill),
            RandAugmentOp.TranslateXRel => PixelOps.Affine(image, 1, 0, a * image.Width, 0, 1, 0, fill),
            RandAugmentOp.TranslateYRel => PixelOps.Affine(image, 1, 0, 0, 0, 1, a * image.Height, fill),
            _ => throw new ArgumentOutOfRangeException(nameof(op)),
        };
    }

    /// <summary>PIL's Image.rotate(degrees) about the centre (counter-clockwise for positive degrees), same size.</summary>
    public static RgbImage Rotate(RgbImage image, double degrees, byte fill)
    {
        var angle = -degrees * Math.PI / 180;
        double cos = Math.Round(Math.Cos(angle), 15), sin = Math.Round(Math.Sin(angle), 15);
        double cx = image.Width / 2.0, cy = image.Height / 2.0;
        // input = M·(output − centre) + centre with M = [[cos, sin], [−sin, cos]]
        var c = cos * -cx + sin * -cy + cx;
        var f = -sin * -cx + cos * -cy + cy;
        return PixelOps.Affine(image, cos, sin, c, -sin, cos, f, fill);
    }

    // Box–Muller normal draw.
    internal static double Gaussian(Random rng, double mean, double std)
    {
        var u1 = 1.0 - rng.NextDouble();
        var u2 = rng.NextDouble();
        return mean + std * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
