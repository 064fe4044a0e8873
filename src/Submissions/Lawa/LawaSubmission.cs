using Bench.Contracts;
using Bench.Submissions.Baseline;
using Bench.Submissions.Common;
using TorchSharp;

namespace Bench.Submissions.Lawa;

/// <summary>
/// Latest weight averaging (Kaddour, arXiv 2209.14981): the baseline run, evaluated through the uniform average
/// of its k latest checkpoints. Training itself is untouched; averaging (and, for BatchNorm models,
/// re-estimating the statistics on recent training batches) happens in <c>AfterStep</c>, so its cost is charged.
/// </summary>
public sealed class LawaSubmission : ISubmission
{
    /// <summary>Checkpoints averaged (the paper uses 5-10 end-of-epoch checkpoints).</summary>
    public const int Checkpoints = 5;

    /// <summary>Recent training batches used to re-estimate BatchNorm statistics of the averaged weights.</summary>
    public const int BatchNormBatches = 2;

    public string Id => "lawa";

    public string PaperId => "lawa";

    public string Description => "baseline training; evaluate the uniform average of the 5 latest checkpoints (BatchNorm statistics recomputed)";

    public WorkloadApplicability AppliesTo => Applicability.Only("cifar10", "tinyshakespeare");

    public object DefaultHyperparameters(IWorkload workload, string scale) => Defaults(workload.Scale(scale));

    /// <summary>A checkpoint every 1/15 of the step budget: the whole run holds 15 "epochs" of checkpoints.</summary>
    static LawaHyperparameters Defaults(WorkloadScale scale) => new(Checkpoints, Math.Max(1, scale.Budget.MaxSteps / 15), BatchNormBatches);

    public TrainingMethod Create(TrainingSetup setup) =>
        new Method(BaselineSubmission.WithRecipe(setup, setup.Baseline), setup.HyperparametersOr(() => Defaults(setup.Scale)));

    sealed class Method(TrainingMethod inner, LawaHyperparameters h) : MethodDecorator(inner)
    {
        readonly CheckpointWindow latest = new(h.Checkpoints);
        readonly BatchNormInputs recentInputs = new(h.BatchNormBatches);
        readonly EvaluationSwap averaged = new();

        public override Batch TransformBatch(Batch batch, TrainingState state)
        {
            // The previous evaluation looked at the average: put the training weights back first.
            averaged.SwapOut(Model);
            batch = base.TransformBatch(batch, state);
            recentInputs.Record(Model, batch.Inputs);
            return batch;
        }

        public override void AfterStep(TrainingState state)
        {
            base.AfterStep(state);
            if ((state.Step + 1) % h.IntervalSteps != 0) return;
            var checkpoint = latest.Add(Model);
            if (!latest.IsFull) return;

            CheckpointAverage.LoadInto(Model, latest.OldestFirst);
            recentInputs.Reestimate(Model, state);
            averaged.Capture(Model);
            checkpoint.RestoreInto(Model);
        }

        public override torch.nn.Module ModelToEvaluate() => averaged.SwapIn(Model) ? Model : base.ModelToEvaluate();

        public override void Dispose()
        {
            latest.Dispose();
            recentInputs.Dispose();
            averaged.Dispose();
            base.Dispose();
        }
    }
}
