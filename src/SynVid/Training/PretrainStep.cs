using SynVid.Model;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SynVid.Training;

/// <summary>What one pre-training step did.</summary>
/// <param name="Loss">Mean loss of the step's forward passes, before the update (non-finite: no update was made).</param>
/// <param name="LearningRate">The schedule's lr at this step (each group ran at it times its scale).</param>
public readonly record struct PretrainStepResult(double Loss, double LearningRate);

/// <summary>
/// One VideoMAE pre-training optimiser step (docs/reference-behaviour.md §4.7, §4.10, §5.1), the one the trainer, the train-step
/// benchmark and the tests run: every group's lr = the recipe's schedule at the step × its scale; <c>Accumulation</c>
/// forward and backward passes (normalised-pixel target, MSE over the masked tokens, each backward of loss /
/// accumulation); no update on a non-finite loss; optional gradient clipping; AdamW. Each step runs in a
/// <see cref="GcQuietRegion"/> and its own dispose scope, so nothing but gradients and optimiser state outlives it.
/// </summary>
public sealed class PretrainStep : IDisposable
{
    private readonly PretrainModel _model;
    private readonly PretrainRecipe _recipe;
    private readonly Device _device;

    /// <summary>
    /// Groups <paramref name="model"/>'s parameters as §4.10 (no layer decay) and creates AdamW with the recipe's betas,
    /// eps and weight decay. Move the model to its device first: the optimiser holds the parameters it sees now.
    /// </summary>
    public PretrainStep(PretrainModel model, PretrainRecipe recipe)
    {
        _model = model;
        _recipe = recipe;
        Schedule = recipe.Schedule();
        _device = model.parameters().First().device;
        Groups = ParameterGroups.Build(model.named_parameters().Select(p => (p.name, p.parameter)), recipe.WeightDecay, ParameterGroups.PretrainSkip);
        Optimizer = OptimizerFactory.AdamW(Groups, recipe.Beta1, recipe.Beta2, recipe.Eps);
    }

    /// <summary>The optimiser (for checkpointing its state).</summary>
    public AdamW Optimizer { get; }

    /// <summary>The parameter groups, in the optimiser's order.</summary>
    public IReadOnlyList<ParameterGroup> Groups { get; }

    /// <summary>The recipe's lr schedule.</summary>
    public CosineSchedule Schedule { get; }

    /// <summary>
    /// Runs optimiser step <paramref name="step"/> (0-based) on the next <c>Accumulation</c> batches of
    /// <paramref name="nextBatch"/>; each batch is disposed after its forward and backward pass.
    /// </summary>
    public PretrainStepResult Run(long step, Func<PretrainBatch> nextBatch)
    {
        using var quiet = GcQuietRegion.Enter();
        using var scope = NewDisposeScope();
        var lr = Schedule.At(step);
        OptimizerFactory.SetLearningRate(Optimizer, Groups, lr);
        _model.train();
        Optimizer.zero_grad();
        var lossSum = 0.0;
        for (var micro = 0; micro < _recipe.Accumulation; micro++)
        {
            using var batch = nextBatch();
            var x = batch.Video.to(_device);
            var mask = batch.Mask.to(_device);
            var prediction = _model.forward(x, mask);
            var target = ReconstructionTarget.Compute(x, mask, _model.Config.Encoder, _recipe.NormalizeTarget);
            var loss = ReconstructionTarget.Loss(prediction, target);
            (loss / _recipe.Accumulation).backward();
            lossSum += loss.item<float>();
        }
        var stepLoss = lossSum / _recipe.Accumulation;
        if (!double.IsFinite(stepLoss))
        {
            return new PretrainStepResult(stepLoss, lr);
        }
        if (_recipe.ClipGrad is { } maxNorm)
        {
            nn.utils.clip_grad_norm_(_model.parameters(), maxNorm);
        }
        Optimizer.step();
        return new PretrainStepResult(stepLoss, lr);
    }

    /// <summary>Runs step <paramref name="step"/> with <paramref name="batch"/> as every micro-batch; the caller keeps the batch.</summary>
    public PretrainStepResult Run(long step, PretrainBatch batch) => Run(step, batch.Share);

    /// <summary>The loss of <paramref name="batch"/> without updating (eval mode, no gradient).</summary>
    public double Evaluate(PretrainBatch batch)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        _model.eval();
        var x = batch.Video.to(_device);
        var mask = batch.Mask.to(_device);
        var target = ReconstructionTarget.Compute(x, mask, _model.Config.Encoder, _recipe.NormalizeTarget);
        return ReconstructionTarget.Loss(_model.forward(x, mask), target).item<float>();
    }

    /// <summary>Releases the optimiser state.</summary>
    public void Dispose() => Optimizer.Dispose();
}
