namespace SynVid.Analysis.Progression;

/// <summary>Where a progression stands.</summary>
/// <param name="Arm">Arm being worked on.</param>
/// <param name="Step">Step: pretrain, finetune, linprobe or analyze.</param>
/// <param name="StepIndex">Index of the step among all steps of the plan (0-based).</param>
/// <param name="StepCount">Steps in the plan.</param>
/// <param name="Done">Units done within the step (optimiser steps, videos, frames).</param>
/// <param name="Total">Units of the current phase of the step (0 when unknown).</param>
/// <param name="Detail">What the step is doing, e.g. "train", "test", "frames", or "cached" for a step skipped on resume.</param>
public sealed record ProgressionProgress(string Arm, string Step, int StepIndex, int StepCount, long Done, long Total, string Detail);
