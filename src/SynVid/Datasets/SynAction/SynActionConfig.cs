namespace SynVid.Datasets.SynAction;

/// <summary>The three fixed splits of the benchmark.</summary>
public enum SynActionSplit
{
    /// <summary>Training videos.</summary>
    Train,

    /// <summary>Test videos: new people, motions and scenes, backgrounds from the training families.</summary>
    Test,

    /// <summary>Test videos whose backgrounds come from families never seen in training.</summary>
    TestNovelBackgrounds,
}

/// <summary>
/// Configuration of the built-in action benchmark. The defaults match UCF101's frame size and rate (320 × 240, 25 fps;
/// docs/reference-behaviour.md §5.6) so that the reference clip sampling and test views (§5.3) apply unchanged; clips are 2–4 s long
/// (UCF101's are about 7 s) to keep rendering cheap.
/// </summary>
/// <param name="Seed">Dataset seed; the splits are fixed by it.</param>
/// <param name="Width">Frame width.</param>
/// <param name="Height">Frame height.</param>
/// <param name="Fps">Frame rate.</param>
/// <param name="MinFrames">Shortest video.</param>
/// <param name="MaxFrames">Longest video.</param>
/// <param name="TrainPerClass">Training videos per action.</param>
/// <param name="TestPerClass">Test videos per action (each test split).</param>
/// <param name="MinDistractors">Fewest distractor objects per video.</param>
/// <param name="MaxDistractors">Most distractor objects per video.</param>
/// <param name="MaxCameraPan">Largest independent camera pan, as a fraction of the width per frame.</param>
/// <param name="FigureScale">Factor on the drawn figure height (still capped so the figure stays in frame); 1 is the benchmark.</param>
/// <param name="LimbScale">Factor on the stroke width of limbs and torso; 1 is the benchmark.</param>
public sealed record SynActionConfig(
    int Seed = 0,
    int Width = 320,
    int Height = 240,
    double Fps = 25,
    int MinFrames = 48,
    int MaxFrames = 96,
    int TrainPerClass = 60,
    int TestPerClass = 20,
    int MinDistractors = 1,
    int MaxDistractors = 4,
    double MaxCameraPan = 0.004,
    double FigureScale = 1,
    double LimbScale = 1)
{
    /// <summary>Throws <see cref="UserInputException"/> naming the first invalid field.</summary>
    public void Validate()
    {
        if (Width < 32 || Height < 32)
        {
            throw new UserInputException($"synaction: frame size {Width}x{Height} is too small (at least 32x32)");
        }
        if (Fps <= 0)
        {
            throw new UserInputException($"synaction: fps must be positive, got {Fps}");
        }
        if (MinFrames < 1 || MaxFrames < MinFrames)
        {
            throw new UserInputException($"synaction: frame range [{MinFrames}, {MaxFrames}] is invalid");
        }
        if (TrainPerClass < 1 || TestPerClass < 1)
        {
            throw new UserInputException($"synaction: videos per class must be at least 1 (train {TrainPerClass}, test {TestPerClass})");
        }
        if (MinDistractors < 0 || MaxDistractors < MinDistractors)
        {
            throw new UserInputException($"synaction: distractor range [{MinDistractors}, {MaxDistractors}] is invalid");
        }
        if (MaxCameraPan < 0)
        {
            throw new UserInputException($"synaction: camera pan must be non-negative, got {MaxCameraPan}");
        }
        if (FigureScale <= 0 || LimbScale <= 0)
        {
            throw new UserInputException($"synaction: figure and limb scales must be positive (figure {FigureScale}, limbs {LimbScale})");
        }
    }
}
