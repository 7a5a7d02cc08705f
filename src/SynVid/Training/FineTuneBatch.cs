using SynVid.Datasets;
using SynVid.Synthesis;
using static TorchSharp.torch;

namespace SynVid.Training;

/// <summary>
/// One optimiser step's training input: B videos × <c>NumSample</c> augmented copies, mixed with the reversed batch,
/// and their soft targets.
/// </summary>
/// <param name="Clips">Normalised clips (B·S, C, T, H, W), float32, copies of a video adjacent (the reference's collate order).</param>
/// <param name="Targets">Soft targets (B·S, classes): smoothed one-hot labels mixed by the batch's λ.</param>
/// <param name="Labels">Hard labels of the clips before mixing.</param>
/// <param name="Entries">Training entries of the step's videos.</param>
public sealed record FineTuneBatch(Tensor Clips, Tensor Targets, long[] Labels, int[] Entries) : IDisposable
{
    private const long OrderStream = 11;
    private const long ClipStream = 12;
    private const long MixStream = 13;

    /// <summary>
    /// The order in which epoch <paramref name="epoch"/> visits the <paramref name="count"/> training entries: a
    /// Fisher–Yates shuffle seeded by (seed, epoch), so every epoch sees every entry once in a fresh order.
    /// </summary>
    public static int[] EpochOrder(int seed, int epoch, int count)
    {
        var order = Enumerable.Range(0, count).ToArray();
        var rng = new SeededRandom(seed, OrderStream, epoch);
        for (var i = count - 1; i > 0; i--)
        {
            var j = rng.NextInt(0, i);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }

    /// <summary>
    /// Builds step <paramref name="step"/> of epoch <paramref name="epoch"/>: the entries at positions step·B … step·B + B − 1
    /// of the epoch's order; each video's window, RandAugment plans, crops, flips and erasing come from its own
    /// (seed, epoch, step, slot) stream, the mixing draw from (seed, epoch, step). So the batch is a pure function of
    /// (recipe, data, epoch, step), whatever the number of threads or the order in which batches are made.
    /// </summary>
    public static FineTuneBatch Make(FineTuneRecipe recipe, TrainingClips data, int epoch, int step)
    {
        var b = recipe.BatchSize;
        var order = EpochOrder(recipe.Seed, epoch, data.Count);
        if ((long)(step + 1) * b > order.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, $"an epoch of {order.Length} entries has {order.Length / b} full batches of {b}");
        }
        var augmentation = recipe.Augmentation();
        var entries = order.AsSpan(step * b, b).ToArray();
        var copies = new List<Tensor>(b * recipe.NumSample);
        var labels = new long[b * recipe.NumSample];
        try
        {
            for (var i = 0; i < b; i++)
            {
                var rng = StreamRandom(recipe.Seed, ClipStream, epoch, step, i);
                var frames = ClipScaling.Scale(data.Clip(entries[i], rng), recipe.FrameScale);
                var label = data.Label(entries[i]);
                foreach (var copy in augmentation.Apply(frames, rng))
                {
                    labels[copies.Count] = label;
                    copies.Add(copy);
                }
            }
            var clips = stack(copies);
            var mixing = recipe.Mixing();
            var draw = mixing.Sample(recipe.InputSize, recipe.InputSize, StreamRandom(recipe.Seed, MixStream, epoch, step, 0));
            var targets = draw.Lambda >= 1 && !draw.Cutmix
                ? mixing.Targets(labels, data.NumClasses, 1)
                : mixing.Apply(clips, labels, data.NumClasses, draw);
            return new FineTuneBatch(clips, targets, labels, entries);
        }
        finally
        {
            foreach (var c in copies)
            {
                c.Dispose();
            }
        }
    }

    // Crops and draws take a System.Random; each is seeded from the project's keyed generator.
    internal static Random StreamRandom(long seed, long stream, long epoch, long step, long slot) =>
        new((int)(new SeededRandom(seed, stream, epoch, step, slot).NextULong() >> 33));

    /// <inheritdoc />
    public void Dispose()
    {
        Clips.Dispose();
        Targets.Dispose();
    }
}
