using Bench.Contracts;
using Bench.Submissions.Common;
using TorchSharp;

namespace Bench.Submissions.ConvexLrSchedules;

/// <summary>
/// The schedule the convex-bound paper (Schaipp et al., arXiv 2501.18965) analyses against cosine: the
/// baseline's AdamW and peak rate, warmup unchanged, then constant until a linear cooldown over the last 20% of
/// the step budget. Everything but the schedule is the baseline's.
/// </summary>
public sealed class WsdSubmission : ISubmission
{
    /// <summary>The paper's cooldown length (20% of training).</summary>
    public const double CooldownFraction = 0.2;

    public string Id => "wsd";

    public string PaperId => "convex-lr-schedules";

    public string Description => "baseline AdamW with warmup, constant rate, linear cooldown over the last 20% (instead of cosine)";

    public WorkloadApplicability AppliesTo => Applicability.NaturalOrDefault("tinyshakespeare");

    public object DefaultHyperparameters(IWorkload workload, string scale) => new WsdHyperparameters();

    public TrainingMethod Create(TrainingSetup setup)
    {
        var cooldown = setup.HyperparametersOr(() => new WsdHyperparameters()).CooldownFraction;
        var recipe = setup.Baseline;
        var optimizer = torch.optim.AdamW(setup.Model.parameters(), recipe.LearningRate, recipe.Beta1, recipe.Beta2, weight_decay: recipe.WeightDecay);
        var horizon = setup.Scale.Budget.MaxSteps;
        var warmup = (long)Math.Round(recipe.WarmupFraction * horizon);
        return new OptimizerMethod(setup.Model, optimizer,
            step => recipe.LearningRate * WarmupStableDecay.Factor(step, horizon, warmup, cooldown), recipe.BatchSize);
    }
}
