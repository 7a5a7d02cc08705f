using SynVid.Evaluation;
using static TorchSharp.torch;

namespace SynVid.Training;

/// <summary>
/// The pixel baseline: a multinomial logistic regression (standardised inputs, L2 as scikit-learn's default) on the
/// per-pixel temporal standard deviation of a clip's grey frames, area-averaged to a small grid. It sees the views the
/// probes see (<see cref="ProbeFeatures.ComputePixels"/>: one cached view per training video, every test view) and
/// predicts a video from the mean of its views' probabilities, as the multi-view test does.
/// </summary>
public static class PixelBaseline
{
    /// <summary>
    /// Features of normalised clips (B, C, T, S, S): the standard deviation over time of each cell of the channel-mean
    /// frame area-averaged to <paramref name="grid"/>², (B, grid²). A static scene gives zeros whatever its colours.
    /// </summary>
    public static Tensor Features(Tensor clips, int grid)
    {
        ArgumentNullException.ThrowIfNull(clips);
        using var scope = NewDisposeScope();
        var (b, t) = (clips.shape[0], clips.shape[2]);
        var grey = clips.to_type(ScalarType.Float32).mean([1]).reshape(b * t, 1, clips.shape[3], clips.shape[4]);
        var cells = nn.functional.adaptive_avg_pool2d(grey, [grid, grid]).reshape(b, t, grid * grid);
        return cells.std(1, unbiased: false).MoveToOuterDisposeScope();
    }

    /// <summary>Trains on <paramref name="features"/>' training rows and predicts every test video.</summary>
    public static EvaluationResult Evaluate(ProbeFeatures features, PixelBaselineRecipe recipe)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(recipe);
        recipe.Validated();
        using var scope = NewDisposeScope();
        var x = features.TrainEmbeddings.to_type(ScalarType.Float32);
        var mean = x.mean([0], keepdim: true);
        var std = x.std(0, unbiased: false, keepdim: true).clamp_min(1e-6);
        var inputs = (x - mean) / std;
        var labels = tensor(features.TrainLabels.Select(l => (long)l).ToArray());
        var classes = features.ClassNames.Count;
        // zeros: the optimum of a convex problem, reached from a fixed start, so no seed is needed
        var weight = new TorchSharp.Modules.Parameter(zeros(inputs.shape[1], classes));
        var bias = new TorchSharp.Modules.Parameter(zeros(classes));
        var penalty = 1.0 / (2 * recipe.C * inputs.shape[0]);
        using (var optimizer = optim.Adam([weight, bias], lr: recipe.LearningRate))
        {
            for (var i = 0; i < recipe.Iterations; i++)
            {
                using var step = NewDisposeScope();
                optimizer.zero_grad();
                var loss = nn.functional.cross_entropy(inputs.matmul(weight) + bias, labels) + penalty * weight.square().sum();
                loss.backward();
                optimizer.step();
            }
        }
        using (no_grad())
        {
            var test = (features.TestEmbeddings.to_type(ScalarType.Float32) - mean) / std;
            return features.PerVideo(nn.functional.softmax(test.matmul(weight) + bias, 1));
        }
    }
}
