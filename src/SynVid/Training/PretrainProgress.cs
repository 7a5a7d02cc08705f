namespace SynVid.Training;

/// <summary>What a pre-training run reports after each optimiser step.</summary>
/// <param name="Step">Optimiser steps completed.</param>
/// <param name="TotalSteps">Steps the run will complete.</param>
/// <param name="Loss">This step's loss (mean over its forward passes).</param>
/// <param name="LearningRate">This step's scheduled lr.</param>
/// <param name="ClipsPerSecond">Training throughput since the run (or resume) started.</param>
/// <param name="DataWaitShare">Fraction of wall time spent waiting for data since the run started.</param>
public sealed record PretrainProgress(long Step, long TotalSteps, double Loss, double LearningRate, double ClipsPerSecond, double DataWaitShare);
