using System.Text.Json.Serialization;

namespace SynVid.Synthesis;

/// <summary>
/// Every parameter of a synthetic video stage. Defaults are the reference generator's (docs/reference-behaviour.md §2); the named
/// presets in <see cref="Stages"/> set the switches that distinguish the eight stages of the progression (§1.2).
/// </summary>
public sealed record StageParameters
{
    /// <summary>Preset name this configuration started from (for manifests).</summary>
    public string Name { get; init; } = "custom";

    /// <summary>Canvas side in pixels; 256 (§2.1).</summary>
    public int Resolution { get; init; } = 256;

    /// <summary>Objects per video; 500 in every released script (§2.1).</summary>
    public int ObjectCount { get; init; } = 500;

    /// <summary>Circles only, or uniform over the six shapes (§2.2).</summary>
    public ShapeSet Shapes { get; init; } = ShapeSet.Mixed;

    /// <summary>Static, constant-velocity or accelerating objects (§2.5).</summary>
    public MotionMode Motion { get; init; } = MotionMode.Constant;

    /// <summary>Per-object rotation, scale and shear rates applied over time (§2.6).</summary>
    public bool Affine { get; init; }

    /// <summary>Rotation only (A = R), the reference on-the-fly generator's optional mode (§2.9).</summary>
    public bool RotateOnly { get; init; }

    /// <summary>Objects are filled with texture-source crops instead of solid colours (§2.8).</summary>
    public bool Textured { get; init; }

    /// <summary>Lower bound of the initial speed in px/frame; U(1.2, 3.0) (§2.2).</summary>
    public double SpeedMin { get; init; } = 1.2;

    /// <summary>Upper bound of the initial speed in px/frame (§2.2).</summary>
    public double SpeedMax { get; init; } = 3.0;

    /// <summary>Multiplies both speed bounds; 0.5 is the "slower objects" variant (§1.3, Table 9).</summary>
    public double SpeedFactor { get; init; } = 1.0;

    /// <summary>Whether <see cref="SpeedFactor"/> also scales the acceleration (unverified in the reference, §1.3); off.</summary>
    public bool SpeedFactorScalesAcceleration { get; init; }

    /// <summary>Physical acceleration a ~ U(−max, max) px/frame², displacement v₀t + ½at²; 0.06 = 2 × max_acc 0.03 (§2.5, §9).</summary>
    public double MaxAcceleration { get; init; } = 0.06;

    /// <summary>Rotation rate ω ~ U(−max, max) rad/frame; π/100 (§2.2).</summary>
    public double MaxRotationRate { get; init; } = Math.PI / 100;

    /// <summary>Scale rates αx, αy ~ U(−max, max) per frame; 0.005 (§2.2).</summary>
    public double MaxScaleRate { get; init; } = 0.005;

    /// <summary>Shear rates βx, βy ~ U(−max, max) per frame; 0.005 (§2.2).</summary>
    public double MaxShearRate { get; init; } = 0.005;

    /// <summary>Shortest video in frames; durations are U{MinFrames..MaxFrames} (§2.1).</summary>
    public int MinFrames { get; init; } = 100;

    /// <summary>Longest video in frames: 200 on the fly, 199 offline (§2.1, Q13).</summary>
    public int MaxFrames { get; init; } = 200;

    /// <summary>How circles respond to the affine transform (Q1); on-the-fly style for stages 1–5, none for 6–8.</summary>
    public CircleTransform CircleTransform { get; init; } = CircleTransform.OnTheFlyStyle;

    /// <summary>Units of the on-the-fly ellipse rotation (Q2); degrees as in the reference.</summary>
    public AngleUnits CircleAngleUnits { get; init; } = AngleUnits.Degrees;

    /// <summary>Pivot of A(t) for polygons (Q3); ⌊r/2⌋ as in the reference.</summary>
    public PivotMode Pivot { get; init; } = PivotMode.HalfRadius;

    /// <summary>Texture window origin (Q4); top-left as in the reference.</summary>
    public CropOrigin CropOrigin { get; init; } = CropOrigin.TopLeft;

    /// <summary>Reproduce the off-by-one that never picks the last texture (Q5); fixed by default.</summary>
    public bool ExcludeLastTexture { get; init; }

    /// <summary>Texture warp sampling (§2.8 step 4); bilinear as in the reference.</summary>
    public TextureSampling TextureSampling { get; init; } = TextureSampling.Bilinear;

    /// <summary>Background behind the objects (§1.3); black.</summary>
    public BackgroundKind Background { get; init; } = BackgroundKind.Black;

    /// <summary>Add a random per-object colour to its texture crop, clipped to 255 (§1.3, Table 12; blend unverified).</summary>
    public bool SaturatedTextures { get; init; }

    /// <summary>Fraction of videos that are one texture-source image repeated (§1.3, Table 2: 0.05); 0.</summary>
    public double StaticImageRatio { get; init; }

    /// <summary>Use only the first N textures of the source (image pool size, §1.3, Table 2); 0 = all.</summary>
    public int TexturePoolSize { get; init; }

    /// <summary>
    /// Anti-aliasing as a supersampling factor k: each pixel is the mean of its k × k samples. 1 = off (default), the
    /// reference's non-anti-aliased fill (§2.4); 2 or 4, powers of two so that sample positions are exact in binary.
    /// </summary>
    public int AntiAliasing { get; init; } = 1;

    /// <summary>Whether this configuration needs a texture source.</summary>
    [JsonIgnore]
    public bool NeedsTextures => Textured || StaticImageRatio > 0 || Background == BackgroundKind.PoolImage;

    /// <summary>Checks every value and throws <see cref="UserInputException"/> naming the first bad one.</summary>
    public StageParameters Validated()
    {
        Require(Resolution is >= 8 and <= 4096, nameof(Resolution), Resolution, "8..4096");
        Require(ObjectCount is >= 0 and <= 100_000, nameof(ObjectCount), ObjectCount, "0..100000");
        Require(SpeedMin >= 0 && SpeedMax >= SpeedMin && double.IsFinite(SpeedMax), nameof(SpeedMin), $"{SpeedMin}..{SpeedMax}", "0 ≤ speedMin ≤ speedMax");
        Require(SpeedFactor >= 0 && double.IsFinite(SpeedFactor), nameof(SpeedFactor), SpeedFactor, "≥ 0");
        Require(MaxAcceleration >= 0 && double.IsFinite(MaxAcceleration), nameof(MaxAcceleration), MaxAcceleration, "≥ 0");
        Require(MaxRotationRate >= 0 && double.IsFinite(MaxRotationRate), nameof(MaxRotationRate), MaxRotationRate, "≥ 0");
        Require(MaxScaleRate is >= 0 and < 0.1, nameof(MaxScaleRate), MaxScaleRate, "0 ≤ x < 0.1");
        Require(MaxShearRate is >= 0 and < 0.1, nameof(MaxShearRate), MaxShearRate, "0 ≤ x < 0.1");
        // name the field that is out of range, with its own value
        Require(MinFrames is >= 1 and <= 100_000, nameof(MinFrames), MinFrames, "1..100000");
        Require(MaxFrames >= MinFrames && MaxFrames <= 100_000, nameof(MaxFrames), MaxFrames, $"minFrames ({MinFrames})..100000");
        Require(StaticImageRatio is >= 0 and <= 1, nameof(StaticImageRatio), StaticImageRatio, "0..1");
        Require(TexturePoolSize >= 0, nameof(TexturePoolSize), TexturePoolSize, "≥ 0");
        Require(AntiAliasing is 1 or 2 or 4, nameof(AntiAliasing), AntiAliasing, "1 (off), 2 or 4");
        return this;
    }

    private static void Require(bool ok, string field, object value, string range)
    {
        if (!ok)
        {
            var name = char.ToLowerInvariant(field[0]) + field[1..];
            throw new UserInputException(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{name} = {value} is out of range (expected {range})"));
        }
    }
}
