using Bench.Contracts;
using Bench.Submissions.Common;
using TorchSharp;

namespace Bench.Submissions.Baseline;

/// <summary>
/// The reference every paper is measured against: AdamW with linear warmup and cosine decay to zero
/// at the step budget, hyperparameters from the workload's tuned <see cref="BaselineRecipe"/>.
/// </summary>
public sealed class BaselineSubmission : ISubmission
{
    public string Id => "baseline";

    public string PaperId => "baseline";

    public string Description => "AdamW, linear warmup + cosine decay, workload-tuned hyperparameters";

    public WorkloadApplicability AppliesTo => WorkloadApplicability.Every;

    /// <summary>The workload's tuned recipe at this scale: the values <c>--hparam</c> overrides and <c>repro tune</c> searches.</summary>
    public object DefaultHyperparameters(IWorkload workload, string scale) => workload.Baseline(scale);

    public TrainingMethod Create(TrainingSetup setup) => WithRecipe(setup, setup.HyperparametersOr(() => setup.Baseline));

    /// <summary>
    /// The baseline's optimizer and schedule with <paramref name="recipe"/> instead of the workload's: for methods
    /// that change only hyperparameters (rate, warmup, weight decay, batch size) and say so in their card. The cosine
    /// decays to zero at <paramref name="horizonSteps"/> steps (default: the step budget).
    /// </summary>
    public static TrainingMethod WithRecipe(TrainingSetup setup, BaselineRecipe recipe, long? horizonSteps = null)
    {
        var optimizer = torch.optim.AdamW(setup.Model.parameters(), recipe.LearningRate, recipe.Beta1, recipe.Beta2, weight_decay: recipe.WeightDecay);
        var horizon = horizonSteps ?? setup.Scale.Budget.MaxSteps;
        var warmup = (long)Math.Round(recipe.WarmupFraction * horizon);
        return new OptimizerMethod(setup.Model, optimizer, step => recipe.LearningRate * WarmupCosine.Factor(step, horizon, warmup), recipe.BatchSize);
    }
}
