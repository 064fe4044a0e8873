using Bench.Contracts;
using Bench.Submissions.Baseline;
using Bench.Submissions.Common;
using TorchSharp;

namespace Bench.Submissions.Nino;

/// <summary>
/// Parameter nowcasting in the spirit of NiNo (Knyazev et al., arXiv 2409.04434): the baseline's AdamW run,
/// with every parameter periodically replaced by a prediction of its future value from its recent trajectory.
/// The predictor is the per-parameter linear fit NiNo compares against, not NiNo's meta-trained graph network
/// (see the card): no meta-training, so nothing is excluded from the clock.
/// </summary>
public sealed class NinoSubmission : ISubmission
{
    /// <summary>Checkpoints the nowcaster reads (NiNo uses c = 5).</summary>
    public const int Checkpoints = 5;

    /// <summary>How far ahead the line is read, in checkpoint intervals (not tuned: see the card).</summary>
    public const double Horizon = 2;

    public string Id => "nino";

    /// <summary>The linear-fit nowcaster NiNo uses as its own baseline, not NiNo's meta-trained graph network.</summary>
    public Fidelity Fidelity => Fidelity.Proxy;

    public string PaperId => "nino";

    public string Description => "baseline AdamW plus a linear-fit nowcast of every parameter from its last 5 checkpoints";

    public WorkloadApplicability AppliesTo => Applicability.NaturalOrDefault("fashion-mnist", "tinyshakespeare");

    public object DefaultHyperparameters(IWorkload workload, string scale) => Defaults(workload.Scale(scale));

    /// <summary>
    /// Checkpoints every 1/150 of the budget (20 steps of Fashion-MNIST's 3000); after 5 of them, a jump to the
    /// line's value 2 intervals past the newest, then a fresh history.
    /// </summary>
    static NinoHyperparameters Defaults(WorkloadScale scale) => new(Checkpoints, Math.Max(2, scale.Budget.MaxSteps / 150), Horizon);

    public TrainingMethod Create(TrainingSetup setup)
    {
        var h = setup.HyperparametersOr(() => Defaults(setup.Scale));
        return new Method(BaselineSubmission.WithRecipe(setup, setup.Baseline), h.IntervalSteps, h.Checkpoints, h.Horizon);
    }

    sealed class Method(TrainingMethod inner, long interval, int checkpoints, double horizon) : MethodDecorator(inner)
    {
        readonly CheckpointWindow history = new(checkpoints);
        readonly double[] weights = LinearNowcast.Weights(checkpoints, horizon: horizon);

        public override void AfterStep(TrainingState state)
        {
            base.AfterStep(state);
            if ((state.Step + 1) % interval != 0) return;
            history.Add(Model);
            if (!history.IsFull) return;
            Nowcast(history.OldestFirst);
            history.Clear();
        }

        /// <summary>theta = sum_i w_i * theta_i for every parameter (buffers are left alone).</summary>
        void Nowcast(IReadOnlyList<Snapshot> checkpointsOldestFirst)
        {
            using var scope = torch.NewDisposeScope();
            using var noGrad = torch.no_grad();
            var parameters = Model.parameters().ToArray();
            for (var p = 0; p < parameters.Length; p++)
            {
                var prediction = torch.zeros_like(parameters[p]);
                for (var i = 0; i < checkpoints; i++) prediction.add_(checkpointsOldestFirst[i].Tensors[p], alpha: weights[i]);
                parameters[p].copy_(prediction);
            }
        }

        public override void Dispose()
        {
            history.Dispose();
            base.Dispose();
        }
    }
}
