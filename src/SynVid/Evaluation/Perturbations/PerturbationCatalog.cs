namespace SynVid.Evaluation.Perturbations;

/// <summary>
/// Every UCF101-P perturbation type of docs/reference-behaviour.md §6.2, in its table's order, found by key (<c>gaussian_noise</c>)
/// or Figure 3 label (<c>gauss</c>); case, spaces, hyphens and underscores are ignored when matching.
/// </summary>
public static class PerturbationCatalog
{
    /// <summary>All types: noise, blur, digital, camera, temporal.</summary>
    public static IReadOnlyList<IPerturbation> All { get; } =
    [
        new GaussianNoise(), new ShotNoise(), new ImpulseNoise(), new SpeckleNoise(),
        new DefocusBlur(), new ZoomBlur(), new MotionBlur(), new GlassBlur(),
        new JpegCompression(),
        new Rotate(), new StaticRotate(), new Translate(),
        new Sampling(), new ReverseSampling(), new Jumble(), new BoxJumble(), new Freeze(),
    ];

    /// <summary>The 14 types of the paper's Figure 3 (docs/reference-behaviour.md §6.2); motion blur, glass blur and sampling are not used there.</summary>
    public static IReadOnlyList<IPerturbation> Figure3 { get; } =
        [.. All.Where(p => p.Key is not ("motion_blur" or "glass_blur" or "sampling"))];

    /// <summary>The type named <paramref name="name"/> (key or label).</summary>
    /// <exception cref="UserInputException">No type has that name; the message lists the valid keys.</exception>
    public static IPerturbation Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var wanted = Normalise(name);
        return All.FirstOrDefault(p => Normalise(p.Key) == wanted || Normalise(p.Label) == wanted)
            ?? throw new UserInputException(
                $"unknown perturbation type '{name}'; known: {string.Join(", ", All.Select(p => p.Key))}");
    }

    private static string Normalise(string name) =>
        new([.. name.Where(c => c is not (' ' or '_' or '-')).Select(char.ToLowerInvariant)]);
}
