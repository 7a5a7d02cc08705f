using SkiaSharp;

namespace SynVid.Datasets.SynAction;

/// <summary>Shapes of distractor objects.</summary>
public enum DistractorShape
{
    /// <summary>A filled disc.</summary>
    Disc,

    /// <summary>A filled rectangle.</summary>
    Box,

    /// <summary>A filled triangle.</summary>
    Triangle,

    /// <summary>A thick ring.</summary>
    Ring,
}

/// <summary>
/// A moving object unrelated to the action: it drifts and spins at a constant rate, behind or in front of the figure,
/// either fixed to the scene (moves with the camera pan) or to the screen.
/// </summary>
/// <param name="Shape">Shape.</param>
/// <param name="Color">Fill colour (may be translucent).</param>
/// <param name="Size">Size in pixels.</param>
/// <param name="X">Position at frame 0, pixels.</param>
/// <param name="Y">Position at frame 0, pixels.</param>
/// <param name="VelocityX">Pixels per frame.</param>
/// <param name="VelocityY">Pixels per frame.</param>
/// <param name="Rotation">Rotation at frame 0, degrees.</param>
/// <param name="Spin">Degrees per frame.</param>
/// <param name="InFront">Drawn over the figure.</param>
/// <param name="SceneFixed">Moves with the background when the camera pans.</param>
public sealed record Distractor(
    DistractorShape Shape,
    SKColor Color,
    float Size,
    float X,
    float Y,
    float VelocityX,
    float VelocityY,
    float Rotation,
    float Spin,
    bool InFront,
    bool SceneFixed)
{
    /// <summary>A random distractor for a width × height frame.</summary>
    public static Distractor Sample(Random rng, int width, int height)
    {
        var size = (float)((0.05 + 0.12 * rng.NextDouble()) * height);
        var color = Palette.RandomColor(rng, minSaturation: 0.3, minValue: 0.3).WithAlpha((byte)(rng.NextDouble() < 0.3 ? 150 : 255));
        var speed = (float)(0.3 + 2.2 * rng.NextDouble());
        var angle = 2 * Math.PI * rng.NextDouble();
        return new Distractor(
            Shape: (DistractorShape)rng.Next(4),
            Color: color,
            Size: size,
            X: (float)(width * rng.NextDouble()),
            Y: (float)(height * (0.05 + 0.9 * rng.NextDouble())),
            VelocityX: (float)(speed * Math.Cos(angle)),
            VelocityY: (float)(0.5 * speed * Math.Sin(angle)),
            Rotation: (float)(360 * rng.NextDouble()),
            Spin: (float)(6 * (rng.NextDouble() - 0.5)),
            InFront: rng.NextDouble() < 0.3,
            SceneFixed: rng.NextDouble() < 0.5);
    }
}
