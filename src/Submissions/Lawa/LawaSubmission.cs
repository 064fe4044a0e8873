using Bench.Harness.Contracts;
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

    public string? NotApplicableReason(IWorkload workload) => Applicability.Only(workload, "cifar10", "tinyshakespeare");

    public object DefaultHyperparameters(IWorkload workload, string scale) => Defaults(workload.Scale(scale));

    /// <summary>A checkpoint every 1/15 of the step budget: the whole run holds 15 "epochs" of checkpoints.</summary>
    static LawaHyperparameters Defaults(WorkloadScale scale) => new(Checkpoints, Math.Max(1, scale.Budget.MaxSteps / 15), BatchNormBatches);

    public TrainingMethod Create(TrainingSetup setup) =>
        new Method(BaselineSubmission.WithRecipe(setup, setup.Baseline), setup.HyperparametersOr(() => Defaults(setup.Scale)));

    sealed class Method(TrainingMethod inner, LawaHyperparameters h) : MethodDecorator(inner)
    {
        readonly Queue<Snapshot> latest = new();
        readonly Queue<torch.Tensor> recentInputs = new();
        Snapshot? averaged;
        Snapshot? training;
        bool swapped;

        public override Batch TransformBatch(Batch batch, TrainingState state)
        {
            // The previous evaluation looked at the average: put the training weights back first.
            if (swapped) { training!.RestoreInto(Model); swapped = false; }
            batch = base.TransformBatch(batch, state);
            if (CheckpointAverage.HasBatchNorm(Model))
            {
                recentInputs.Enqueue(batch.Inputs.detach().clone().DetachFromDisposeScope());
                while (recentInputs.Count > h.BatchNormBatches) recentInputs.Dequeue().Dispose();
            }
            return batch;
        }

        public override void AfterStep(TrainingState state)
        {
            base.AfterStep(state);
            if ((state.Step + 1) % h.IntervalSteps != 0) return;
            var checkpoint = latest.Count == h.Checkpoints ? latest.Dequeue() : null;
            if (checkpoint is null) checkpoint = Snapshot.Take(Model); else checkpoint.CopyFrom(Model);
            latest.Enqueue(checkpoint);
            if (latest.Count < h.Checkpoints) return;

            CheckpointAverage.LoadInto(Model, [.. latest]);
            if (Model is torch.nn.Module<torch.Tensor, torch.Tensor> forward)
                state.Charge(CheckpointAverage.RecomputeBatchNorm(forward, [.. recentInputs]) * TrainingState.ForwardOnly);
            if (averaged is null) averaged = Snapshot.Take(Model); else averaged.CopyFrom(Model);
            checkpoint.RestoreInto(Model);
        }

        public override torch.nn.Module ModelToEvaluate()
        {
            if (averaged is null) return base.ModelToEvaluate();
            if (training is null) training = Snapshot.Take(Model); else training.CopyFrom(Model);
            averaged.RestoreInto(Model);
            swapped = true;
            return Model;
        }

        public override void Dispose()
        {
            foreach (var snapshot in latest) snapshot.Dispose();
            foreach (var input in recentInputs) input.Dispose();
            averaged?.Dispose();
            training?.Dispose();
            base.Dispose();
        }
    }
}
