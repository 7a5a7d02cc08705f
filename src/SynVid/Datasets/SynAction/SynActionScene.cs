using SkiaSharp;

namespace SynVid.Datasets.SynAction;

/// <summary>
/// Every random choice of one benchmark video: the action and how it is performed (body, amplitude, tempo, phase,
/// facing, per-joint wobble), where it is filmed (position, scale, camera pan and tracking, background) and the
/// distractor objects. Rendering a scene is deterministic.
/// </summary>
/// <param name="Action">The action performed.</param>
/// <param name="Body">The figure's body.</param>
/// <param name="Width">Frame width in pixels.</param>
/// <param name="Height">Frame height in pixels.</param>
/// <param name="FrameCount">Number of frames.</param>
/// <param name="Fps">Frames per second (tempo is in cycles per second).</param>
/// <param name="Amplitude">Movement amplitude (1 = typical).</param>
/// <param name="CyclesPerSecond">Tempo.</param>
/// <param name="Phase">Phase at frame 0, in cycles.</param>
/// <param name="Facing">+1 facing right, −1 facing left.</param>
/// <param name="FigureHeight">Standing height in pixels.</param>
/// <param name="GroundY">Row of the ground line.</param>
/// <param name="StartX">Screen column of the figure at frame 0.</param>
/// <param name="CameraPan">Camera motion independent of the figure, pixels per frame.</param>
/// <param name="CameraTracking">Fraction of the figure's travel the camera follows (0..1).</param>
/// <param name="Wobble">Per angle channel: (amplitude rad, frequency Hz, phase rad) of a slow sinusoidal deviation.</param>
/// <param name="Background">Background family.</param>
/// <param name="BackgroundSeed">Seed of the background's own random choices.</param>
/// <param name="Distractors">Distractor objects.</param>
public sealed record SynActionScene(
    ActionDefinition Action,
    BodyShape Body,
    int Width,
    int Height,
    int FrameCount,
    double Fps,
    double Amplitude,
    double CyclesPerSecond,
    double Phase,
    int Facing,
    double FigureHeight,
    double GroundY,
    double StartX,
    double CameraPan,
    double CameraTracking,
    IReadOnlyList<(double Amplitude, double Frequency, double Phase)> Wobble,
    BackgroundStyle Background,
    ulong BackgroundSeed,
    IReadOnlyList<Distractor> Distractors)
{
    /// <summary>Draws a scene of <paramref name="action"/> with a background from <paramref name="styles"/>.</summary>
    public static SynActionScene Sample(ActionKind action, SplitMixRandom rng, SynActionConfig config, IReadOnlyList<BackgroundStyle> styles)
    {
        var def = ActionDefinition.Of(action);
        int w = config.Width, h = config.Height;
        var frames = rng.Next(config.MinFrames, config.MaxFrames + 1);
        var amplitude = 0.8 + 0.35 * rng.NextDouble();
        var tempo = def.CyclesPerSecond * (0.75 + 0.55 * rng.NextDouble());
        var phase = rng.NextDouble();
        var facing = rng.NextDouble() < 0.5 ? 1 : -1;
        var groundY = h * (0.84 + 0.13 * rng.NextDouble());
        // how far above the ground the action reaches, in figure heights (raised arms, jumps)
        var reach = action switch
        {
            ActionKind.Jump => 1.0 + 0.4 * amplitude + 0.3,
            ActionKind.JumpingJacks or ActionKind.WaveTwoArms or ActionKind.WaveOneArm => 1.3,
            _ => 1.1,
        };
        var figure = Math.Min(h * (0.42 + 0.38 * rng.NextDouble()) * config.FigureScale, (groundY - 0.03 * h) / reach);

        // figure travel in pixels per frame, the camera following part of it
        var travel = facing * def.AdvancePerCycle * tempo * figure / config.Fps;
        var tracking = travel == 0 ? 0 : 0.55 + 0.45 * rng.NextDouble();
        var pan = config.MaxCameraPan * w * (2 * rng.NextDouble() - 1);
        var margin = 0.3 * figure;
        var room = Math.Max(0, w - 2 * margin);
        var span = Math.Max(1, frames - 1);
        var drift = ((1 - tracking) * travel - pan) * span;
        if (Math.Abs(drift) > 0.9 * room)
        {
            // keep the figure in view: pan the camera with the residual travel
            drift = Math.Sign(drift) * 0.9 * room;
            pan = (1 - tracking) * travel - drift / span;
        }
        var lo = margin + Math.Max(0, -drift);
        var hi = w - margin - Math.Max(0, drift);
        var startX = lo + (Math.Max(lo, hi) - lo) * rng.NextDouble();

        var wobble = new (double, double, double)[Pose.AngleCount];
        for (var i = 0; i < wobble.Length; i++)
        {
            wobble[i] = (0.07 * rng.NextDouble(), 0.2 + 0.8 * rng.NextDouble(), 2 * Math.PI * rng.NextDouble());
        }
        var body = BodyShape.Sample(rng);
        if (config.LimbScale != 1)
        {
            body = body with { LimbWidth = body.LimbWidth * config.LimbScale, TorsoWidth = body.TorsoWidth * config.LimbScale };
        }
        var style = styles[rng.Next(styles.Count)];
        var backgroundSeed = rng.NextUInt64();
        var distractors = new Distractor[rng.Next(config.MinDistractors, config.MaxDistractors + 1)];
        for (var i = 0; i < distractors.Length; i++)
        {
            distractors[i] = Distractor.Sample(rng, w, h);
        }
        return new SynActionScene(def, body, w, h, frames, config.Fps, amplitude, tempo, phase, facing, figure, groundY, startX, pan, tracking,
            wobble, style, backgroundSeed, distractors);
    }

    /// <summary>The pose at frame <paramref name="t"/>, wobble included.</summary>
    public Pose PoseAt(int t)
    {
        var seconds = t / Fps;
        var pose = Action.PoseAt(Phase + CyclesPerSecond * seconds, Amplitude);
        Span<double> delta = stackalloc double[Pose.AngleCount];
        for (var i = 0; i < delta.Length; i++)
        {
            var (a, f, p) = Wobble[i];
            delta[i] = a * Math.Sin(2 * Math.PI * f * seconds + p);
        }
        return pose.AddAngles(delta);
    }

    /// <summary>Figure travel since frame 0 in scene pixels (walk, run).</summary>
    public double TravelAt(int t) => Facing * Action.AdvancePerCycle * CyclesPerSecond * FigureHeight * t / Fps;

    /// <summary>Camera position at frame <paramref name="t"/> in scene pixels (0 at frame 0).</summary>
    public double CameraAt(int t) => CameraTracking * TravelAt(t) + CameraPan * t;

    /// <summary>Joint positions on screen at frame <paramref name="t"/>.</summary>
    public FigureJoints JointsAt(int t)
    {
        var local = Kinematics.Solve(PoseAt(t), Body, Action.FrontView);
        var anchor = Action.Anchor switch
        {
            FootAnchor.BothFeet => 0.5f * (local.AnkleNear.X + local.AnkleFar.X),
            FootAnchor.FarFoot => local.AnkleFar.X,
            _ => 0f,
        };
        var x0 = StartX + TravelAt(t) - CameraAt(t);
        float scale = (float)FigureHeight, facing = Facing;
        return local.Map(p => new SKPoint((float)x0 + facing * (p.X - anchor) * scale, (float)GroundY + p.Y * scale));
    }
}
