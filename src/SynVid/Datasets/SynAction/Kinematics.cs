using SkiaSharp;

namespace SynVid.Datasets.SynAction;

/// <summary>Forward kinematics of the 2-D figure.</summary>
public static class Kinematics
{
    /// <summary>
    /// Joint positions for a pose, in figure heights, facing +x, y down, with the pelvis at x = 0 and the lowest foot
    /// point at y = −<see cref="Pose.Lift"/> (the ground is y = 0).
    /// </summary>
    public static FigureJoints Solve(Pose pose, BodyShape body, bool frontView)
    {
        var hipOffset = frontView ? 0.5 * body.HipSpan : 0;
        var shoulderOffset = frontView ? 0.5 * body.ShoulderSpan : 0;
        var up = Dir(Math.PI - pose.Lean);
        var side = new SKPoint(-up.Y, up.X); // perpendicular to the torso, pointing forward
        var pelvis = new SKPoint(0, 0);
        var neck = Add(pelvis, up, body.Torso);
        var shoulderBase = Add(pelvis, up, 0.92 * body.Torso);
        var head = Add(neck, Dir(Math.PI - pose.Lean - pose.HeadTilt), body.Neck + body.HeadRadius);

        var shoulderNear = Add(shoulderBase, side, shoulderOffset);
        var shoulderFar = Add(shoulderBase, side, -shoulderOffset);
        var upperNear = -pose.Lean + pose.ShoulderNear;
        var upperFar = -pose.Lean + pose.ShoulderFar;
        var elbowNear = Add(shoulderNear, Dir(upperNear), body.UpperArm);
        var elbowFar = Add(shoulderFar, Dir(upperFar), body.UpperArm);
        var wristNear = Add(elbowNear, Dir(upperNear + pose.ElbowNear), body.Forearm);
        var wristFar = Add(elbowFar, Dir(upperFar + pose.ElbowFar), body.Forearm);

        var hipNear = new SKPoint((float)hipOffset, 0);
        var hipFar = new SKPoint((float)-hipOffset, 0);
        var kneeNear = Add(hipNear, Dir(pose.HipNear), body.Thigh);
        var kneeFar = Add(hipFar, Dir(pose.HipFar), body.Thigh);
        var shinNear = pose.HipNear - pose.KneeNear;
        var shinFar = pose.HipFar - pose.KneeFar;
        var ankleNear = Add(kneeNear, Dir(shinNear), body.Shin);
        var ankleFar = Add(kneeFar, Dir(shinFar), body.Shin);
        SKPoint toeNear, toeFar;
        if (frontView)
        {
            toeNear = new SKPoint(ankleNear.X + (float)(0.6 * body.Foot), ankleNear.Y);
            toeFar = new SKPoint(ankleFar.X - (float)(0.6 * body.Foot), ankleFar.Y);
        }
        else
        {
            toeNear = Add(ankleNear, Dir(shinNear + Math.PI / 2), body.Foot);
            toeFar = Add(ankleFar, Dir(shinFar + Math.PI / 2), body.Foot);
        }

        var joints = new FigureJoints(
            pelvis, hipNear, hipFar, kneeNear, kneeFar, ankleNear, ankleFar, toeNear, toeFar, neck, shoulderNear, shoulderFar,
            elbowNear, elbowFar, wristNear, wristFar, head);
        var lowest = Math.Max(Math.Max(ankleNear.Y, ankleFar.Y), Math.Max(toeNear.Y, toeFar.Y));
        var shiftY = (float)(-lowest - pose.Lift);
        return joints.Map(p => new SKPoint(p.X, p.Y + shiftY));
    }

    // Unit vector at angle θ from straight down, positive towards +x (image coordinates, y down).
    private static SKPoint Dir(double theta) => new((float)Math.Sin(theta), (float)Math.Cos(theta));

    private static SKPoint Add(SKPoint a, SKPoint dir, double length) =>
        new(a.X + (float)(dir.X * length), a.Y + (float)(dir.Y * length));
}
