using SynVid.Datasets;
using SynVid.Model;
using SynVid.Synthesis;
using static TorchSharp.torch;

namespace SynVid.Training;

/// <summary>One forward pass's input: normalised clips (B, C, T, H, W) and their token masks (B, N).</summary>
/// <param name="Video">ImageNet-normalised clips, float32.</param>
/// <param name="Mask">Boolean masks, true = masked.</param>
/// <param name="FirstSample">Global index of the batch's first sample.</param>
public sealed record PretrainBatch(Tensor Video, Tensor Mask, long FirstSample) : IDisposable
{
    /// <summary>
    /// Builds the batch of forward pass <paramref name="pass"/> (= step × accumulation + micro-step): samples
    /// pass·B … pass·B + B − 1, each with its multi-scale crop and mask drawn from its own (seed, sample) stream
    /// (docs/reference-behaviour.md §5.2), so the batch is a pure function of (recipe, source, pass).
    /// </summary>
    public static PretrainBatch Make(PretrainRecipe recipe, PretrainConfig model, IPretrainClipSource source, long pass)
    {
        var crop = MultiScaleCrop.Reference(recipe.InputSize);
        var masks = new MaskGenerator(model.Encoder, recipe.MaskRatio, recipe.Masking);
        var first = pass * recipe.BatchSize;
        var clips = new Tensor[recipe.BatchSize];
        var maskRows = new bool[recipe.BatchSize * model.Encoder.NumTokens];
        try
        {
            for (var b = 0; b < recipe.BatchSize; b++)
            {
                var sample = first + b;
                var frames = source.Clip(sample);
                if (frames.Count != recipe.Frames)
                {
                    throw new InvalidOperationException($"{source.Name}: sample {sample} has {frames.Count} frames, the recipe needs {recipe.Frames}");
                }
                var box = crop.Sample(frames[0].Width, frames[0].Height, StreamRandom(recipe.Seed, sample, CropStream));
                clips[b] = ClipTensor.ToModelInput(frames, box, recipe.InputSize, VideoNormalization.ImageNet);
                masks.Sample(StreamRandom(recipe.Seed, sample, MaskStream)).CopyTo(maskRows, b * model.Encoder.NumTokens);
            }
            return new PretrainBatch(stack(clips), tensor(maskRows, [recipe.BatchSize, model.Encoder.NumTokens]), first);
        }
        finally
        {
            foreach (var c in clips)
            {
                c?.Dispose();
            }
        }
    }

    private const long CropStream = 1;
    private const long MaskStream = 2;

    // Crop and mask take a System.Random; each sample's is seeded from the project's keyed generator, so it depends
    // on nothing but (seed, sample, stream).
    private static Random StreamRandom(long seed, long sample, long stream) =>
        new((int)(new SeededRandom(seed, sample, stream).NextULong() >> 33));

    /// <summary>A batch over the same storage with its own tensor handles, so disposing it leaves this one intact.</summary>
    public PretrainBatch Share() => new(Video.alias(), Mask.alias(), FirstSample);

    /// <inheritdoc />
    public void Dispose()
    {
        Video.Dispose();
        Mask.Dispose();
    }
}
