using Bench.Contracts;
using Bench.Submissions.Baseline;
using Bench.Submissions.Common;
using TorchSharp;

namespace Bench.Submissions.LossCurvatureInstability;

/// <summary>
/// The measurable claim of the loss-curvature paper (Gilmer et al., arXiv 2110.04369): warmup keeps early
/// training out of high-curvature regions, so it makes a higher peak rate usable. A family of two registry ids
/// sharing this class (named after what both do, the folder after the paper): <c>high-lr-warmup</c>, the baseline
/// recipe at <see cref="RateMultiple"/> times its peak rate with a long (20%) warmup, and <c>high-lr-no-warmup</c>,
/// the same peak with no warmup at all (the control the paper's argument predicts is unstable).
/// </summary>
public sealed class HighLearningRateSubmission(bool warmup) : ISubmission
{
    /// <summary>Peak rate relative to the workload's tuned baseline rate.</summary>
    public const double RateMultiple = 3;

    /// <summary>Warmup share of the budget with warmup on (the baseline uses 5%).</summary>
    public const double WarmupFraction = 0.2;

    public string Id => warmup ? "high-lr-warmup" : "high-lr-no-warmup";

    public string PaperId => "loss-curvature-instability";

    public string Description => warmup
        ? "baseline at 3x its peak rate with a 20% linear warmup"
        : "baseline at 3x its peak rate without warmup (control)";

    public WorkloadApplicability AppliesTo => Applicability.NaturalOrDefault("cifar10", "tinyshakespeare");

    public object DefaultHyperparameters(IWorkload workload, string scale) => Defaults();

    HighLearningRateHyperparameters Defaults() => new(RateMultiple, warmup ? WarmupFraction : 0);

    public TrainingMethod Create(TrainingSetup setup)
    {
        var h = setup.HyperparametersOr(Defaults);
        return BaselineSubmission.WithRecipe(setup, setup.Baseline with
        {
            LearningRate = h.RateMultiple * setup.Baseline.LearningRate,
            WarmupFraction = h.WarmupFraction,
        });
    }
}
