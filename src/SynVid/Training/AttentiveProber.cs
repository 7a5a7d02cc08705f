using SynVid.Evaluation;
using SynVid.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace SynVid.Training;

/// <summary>
/// The attentive probe on cached patch tokens (<see cref="ProbeFeatures.TrainTokens"/>): an
/// <see cref="AttentivePoolingHead"/> trained with <see cref="AttentiveProbeRecipe"/> while the encoder stays frozen
/// (its tokens were computed once), then tested on every view of the multi-view test, the softmax averaged per video.
/// </summary>
public static class AttentiveProber
{
    /// <summary>
    /// Trains a head on <paramref name="tokens"/> (N, T, D) with <paramref name="labels"/>; returns it (the caller
    /// disposes it) and the mean training loss of each epoch. <paramref name="stepDone"/> gets (step, total, loss).
    /// </summary>
    public static (AttentivePoolingHead Head, IReadOnlyList<double> EpochLosses) Train(
        Tensor tokens, IReadOnlyList<int> labels, int classes, int heads, AttentiveProbeRecipe recipe, Device? device = null,
        Action<long, long, double>? stepDone = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(recipe);
        recipe.Validated();
        var count = labels.Count;
        if (tokens.shape[0] != count || count == 0)
        {
            throw new ArgumentException($"{count} labels for {tokens.shape[0]} token rows");
        }
        device ??= CPU;
        manual_seed(recipe.Seed);
        var head = new AttentivePoolingHead((int)tokens.shape[2], heads, classes);
        try
        {
            head.to(device);
            head.train();
            var groups = ParameterGroups.Build(head.named_parameters().Select(p => (p.name, p.parameter)), recipe.WeightDecay, new HashSet<string> { "query" });
            using var optimizer = OptimizerFactory.AdamW(groups, 0.9, 0.999, 1e-8);
            var batch = Math.Min(recipe.BatchSize, count);
            var perEpoch = (count + batch - 1) / batch;
            var total = (long)recipe.Epochs * perEpoch;
            var schedule = new CosineSchedule(recipe.LearningRate, recipe.MinLearningRate, (long)recipe.WarmupEpochs * perEpoch, total);
            schedule.Validate();
            var targets = labels.Select(l => (long)l).ToArray();
            var losses = new List<double>(recipe.Epochs);
            for (var epoch = 0; epoch < recipe.Epochs; epoch++)
            {
                var order = FineTuneBatch.EpochOrder(recipe.Seed, epoch, count);
                var sum = 0.0;
                for (var i = 0; i < perEpoch; i++)
                {
                    cancellation.ThrowIfCancellationRequested();
                    var entries = order.AsSpan(i * batch, Math.Min(batch, count - (i * batch))).ToArray();
                    var step = ((long)epoch * perEpoch) + i;
                    double loss;
                    using (GcQuietRegion.Enter())
                    using (NewDisposeScope())
                    {
                        var index = tensor(entries.Select(e => (long)e).ToArray());
                        var x = tokens.index_select(0, index).to(device);
                        var y = tensor(entries.Select(e => targets[e]).ToArray()).to(device);
                        OptimizerFactory.SetLearningRate(optimizer, groups, schedule.At(step));
                        optimizer.zero_grad();
                        var lossTensor = nn.functional.cross_entropy(head.forward(x), y);
                        loss = lossTensor.item<float>();
                        if (!double.IsFinite(loss))
                        {
                            throw new NonFiniteLossException(step + 1, loss, null);
                        }
                        lossTensor.backward();
                        optimizer.step();
                    }
                    sum += loss * entries.Length;
                    stepDone?.Invoke(step + 1, total, loss);
                }
                losses.Add(sum / count);
            }
            head.eval();
            return (head, losses);
        }
        catch
        {
            head.Dispose();
            throw;
        }
    }

    /// <summary>Class probabilities (softmax) of every test view, averaged per video.</summary>
    public static EvaluationResult Evaluate(AttentivePoolingHead head, ProbeFeatures features, Device? device = null, int batch = 256)
    {
        ArgumentNullException.ThrowIfNull(head);
        ArgumentNullException.ThrowIfNull(features);
        var tokens = features.TestTokens ?? throw new ArgumentException("the attentive probe needs the test tokens", nameof(features));
        device ??= CPU;
        head.eval();
        var parts = new List<Tensor>();
        try
        {
            for (long start = 0; start < tokens.shape[0]; start += batch)
            {
                using (GcQuietRegion.Enter())
                using (var scope = NewDisposeScope())
                using (no_grad())
                {
                    var x = tokens.narrow(0, start, Math.Min(batch, tokens.shape[0] - start)).to(device);
                    parts.Add(nn.functional.softmax(head.forward(x), 1).cpu().MoveToOuterDisposeScope());
                }
            }
            using var probabilities = cat(parts, 0);
            return features.PerVideo(probabilities);
        }
        finally
        {
            foreach (var p in parts)
            {
                p.Dispose();
            }
        }
    }
}
