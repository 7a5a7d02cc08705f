namespace SynVid.Synthesis;

/// <summary>
/// The eight stages of the paper's progression as named presets (docs/reference-behaviour.md §1.2), each adding one aspect over the
/// previous. Stages 1–5 follow the reference on-the-fly generator (durations U{100..200}, on-the-fly circle
/// transforms, Q1–Q2); stages 6–8 follow the reference offline generator (durations U{100..199}, circles never
/// transform, Q1, Q13). Stages 6–8 differ only in their texture source.
/// </summary>
public static class Stages
{
    /// <summary>Stage 1: dead-leaves image of circles copied over all frames.</summary>
    public static StageParameters StaticCircles { get; } = new()
    {
        Name = "static-circles",
        Shapes = ShapeSet.Circles,
        Motion = MotionMode.Static,
        // The reference script passes 1.2–1.5, which has no effect on a static stage (§1.2).
        SpeedMax = 1.5,
    };

    /// <summary>Stage 2: per-object direction and constant speed U(1.2, 3.0).</summary>
    public static StageParameters MovingCircles { get; } = StaticCircles with { Name = "moving-circles", Motion = MotionMode.Constant, SpeedMax = 3.0 };

    /// <summary>Stage 3: shape uniform over six types.</summary>
    public static StageParameters MovingShapes { get; } = MovingCircles with { Name = "moving-shapes", Shapes = ShapeSet.Mixed };

    /// <summary>Stage 4: per-object rotation, two scale and two shear rates.</summary>
    public static StageParameters TransformingShapes { get; } = MovingShapes with { Name = "transforming-shapes", Affine = true };

    /// <summary>Stage 5: per-object signed acceleration.</summary>
    public static StageParameters AcceleratingShapes { get; } = TransformingShapes with { Name = "accelerating-shapes", Motion = MotionMode.Accelerating };

    /// <summary>Stage 6: solid colours replaced by statistical textures (offline generator settings).</summary>
    public static StageParameters AcceleratingTextures { get; } = AcceleratingShapes with
    {
        Name = "accelerating-textures",
        Textured = true,
        MaxFrames = 199,
        CircleTransform = CircleTransform.None,
    };

    /// <summary>Stage 7: textures replaced by StyleGAN-Oriented images.</summary>
    public static StageParameters AcceleratingStyleGan { get; } = AcceleratingTextures with { Name = "accelerating-stylegan" };

    /// <summary>Stage 8: textures replaced by natural-image crops.</summary>
    public static StageParameters AcceleratingImageCrops { get; } = AcceleratingTextures with { Name = "accelerating-image-crops" };

    /// <summary>All stages in progression order.</summary>
    public static IReadOnlyList<StageParameters> Progression { get; } =
    [
        StaticCircles, MovingCircles, MovingShapes, TransformingShapes, AcceleratingShapes,
        AcceleratingTextures, AcceleratingStyleGan, AcceleratingImageCrops,
    ];

    /// <summary>The stage names, in order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Progression.Select(s => s.Name)];

    /// <summary>The preset called <paramref name="name"/>; throws <see cref="UserInputException"/> listing the names otherwise.</summary>
    public static StageParameters ByName(string name) =>
        Progression.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new UserInputException($"unknown stage '{name}' (known: {string.Join(", ", Names)})");
}
