using SynVid.Datasets.Downstream;
using SynVid.Datasets.Sampling;
using SynVid.Evaluation.Perturbations;
using SynVid.Model;
using TorchSharp;

namespace SynVid.Evaluation.Robustness;

/// <summary>
/// Evaluates robustness cells of one loaded classifier with the multi-view protocol (docs/reference-behaviour.md §5.3) on the test
/// split of <paramref name="data"/>, perturbing through <see cref="SeededViewPerturbation"/>. Owns the model.
/// </summary>
/// <param name="model">The classifier (disposed with this evaluator).</param>
/// <param name="device">Where the model runs.</param>
/// <param name="data">Test data; its clip length is the model's frame count.</param>
/// <param name="inputSize">The model's input side (short side and crop).</param>
/// <param name="views">Views per video.</param>
/// <param name="batchSize">Views per forward pass.</param>
/// <param name="seed">Seed of the perturbations.</param>
/// <param name="legacyInvert">Reproduce the reference's colour inversion (comparison only).</param>
/// <param name="cache">Resized test buffers shared by every cell and checkpoint (null decodes each time).</param>
public sealed class ClassifierCellEvaluator(
    VideoClassifier model, torch.Device device, DownstreamData data, int inputSize, ViewCount views, int batchSize, long seed, bool legacyInvert,
    TestBufferCache? cache = null)
    : ICellEvaluator
{
    private readonly MultiViewEvaluator _evaluator = new(
        data, new EvaluationViews(data.ClipLength, data.Stride, inputSize, inputSize), views, batchSize, cache: cache);

    /// <inheritdoc />
    public CellAccuracy Evaluate(IPerturbation? perturbation, int severity, IProgress<int>? videosDone, CancellationToken cancel)
    {
        var hook = perturbation is null ? null : new SeededViewPerturbation(perturbation, severity, seed, data.ClipLength, legacyInvert);
        var test = data.Splits.Test;
        var result = _evaluator.Evaluate(x => model.forward(x.to(device)), test, hook, videosDone, cancel);
        return new CellAccuracy(result.Top1, result.Top5, test.Count);
    }

    /// <inheritdoc />
    public void Dispose() => model.Dispose();
}
