using Bench.Contracts;
using Bench.Submissions.Baseline;
using Bench.Submissions.Common;
using TorchSharp;

namespace Bench.Submissions.Lcsc;

/// <summary>
/// Linear combination of saved checkpoints (Liu et al., arXiv 2404.02241): the baseline run, evaluated through a
/// combination of its k latest checkpoints whose coefficients an evolutionary search picks by the loss on a
/// held-out part of the training split. The search runs in <c>AfterStep</c>, so every candidate's forward passes
/// are charged to the clock; training itself is the baseline's on the rest of the split.
/// </summary>
public sealed class LcscSubmission : ISubmission
{
    /// <summary>Checkpoints combined (the paper combines the latest few to tens; 5 matches lawa, its natural control).</summary>
    public const int Checkpoints = 5;

    /// <summary>Share of the training split held out for the search's fitness (never trained on).</summary>
    public const double HeldOutFraction = 0.02;

    /// <summary>Held-out batches (of the baseline's batch size) every candidate is scored on: the same for all.</summary>
    public const int HeldOutBatches = 2;

    /// <summary>Recent training batches that re-estimate BatchNorm statistics of a candidate's weights.</summary>
    public const int BatchNormBatches = 1;

    /// <summary>Search size per checkpoint: offspring per generation, generations, mutation scale.</summary>
    public const int Offspring = 3, Generations = 2;
    public const double Sigma = 0.2;

    public string Id => "lcsc";

    public string PaperId => "lcsc";

    public string Description => "baseline training on 98% of train; evaluate a combination of the 5 latest checkpoints, coefficients by evolutionary " +
        "search on the held-out 2%";

    public WorkloadApplicability AppliesTo => Applicability.Only("cifar10", "tinyshakespeare");

    public object DefaultHyperparameters(IWorkload workload, string scale) => Defaults(workload.Scale(scale));

    /// <summary>A checkpoint every 1/15 of the step budget, as in lawa, so the two differ only in the coefficients.</summary>
    static LcscHyperparameters Defaults(WorkloadScale scale) => new(Checkpoints, Math.Max(1, scale.Budget.MaxSteps / 15));

    public TrainingMethod Create(TrainingSetup setup)
    {
        var data = setup.Data;
        var h = setup.HyperparametersOr(() => Defaults(setup.Scale));
        var split = new TrainStream(HeldOutFraction: h.HeldOutFraction);
        var inner = new StreamMethod(BaselineSubmission.WithRecipe(setup, setup.Baseline), split);
        return new Method(inner, data, split, h);
    }

    sealed class Method : MethodDecorator
    {
        readonly WorkloadAccess data;
        readonly long interval;
        readonly List<Batch> heldOut = [];
        readonly CheckpointWindow latest;
        readonly BatchNormInputs recentInputs;
        readonly EvaluationSwap combined = new();
        readonly LcscHyperparameters h;
        readonly EvolutionarySearch search;
        double[]? previousBest;

        public Method(TrainingMethod inner, WorkloadAccess data, TrainStream split, LcscHyperparameters h) : base(inner)
        {
            this.data = data;
            this.h = h;
            interval = h.IntervalSteps;
            latest = new(h.Checkpoints);
            recentInputs = new(h.BatchNormBatches);
            search = new(h.Offspring, h.Generations, h.Sigma, new Random(2404));
            // A fixed fitness set, drawn once: every candidate of every search is scored on the same batches.
            var source = data.HeldOut(split);
            using var scope = torch.NewDisposeScope();
            for (var i = 0; i < h.HeldOutBatches; i++)
            {
                var batch = source.Next(inner.BatchSize);
                heldOut.Add(batch with { Inputs = batch.Inputs.DetachFromDisposeScope(), Targets = batch.Targets.DetachFromDisposeScope() });
            }
        }

        public override Batch TransformBatch(Batch batch, TrainingState state)
        {
            combined.SwapOut(Model);
            batch = base.TransformBatch(batch, state);
            recentInputs.Record(Model, batch.Inputs);
            return batch;
        }

        public override void AfterStep(TrainingState state)
        {
            base.AfterStep(state);
            if ((state.Step + 1) % interval != 0) return;
            var checkpoint = latest.Add(Model);
            if (!latest.IsFull) return;

            // Starts: the uniform average (lawa), the latest checkpoint alone (the baseline) and the last search's
            // winner; coefficients are indexed by recency, so the previous winner stays meaningful.
            double[] uniform = [.. Enumerable.Repeat(1.0 / h.Checkpoints, h.Checkpoints)];
            double[] newest = [.. Enumerable.Repeat(0.0, h.Checkpoints - 1), 1.0];
            var starts = new List<double[]> { uniform, newest };
            if (previousBest is not null) starts.Add(previousBest);
            var result = search.Minimize(c => HeldOutLoss(c, state), starts);
            previousBest = result.Best;

            Load(result.Best, state);
            combined.Capture(Model);
            checkpoint.RestoreInto(Model);
        }

        /// <summary>Mean loss of the combined weights on the held-out batches (BatchNorm re-estimated first).</summary>
        double HeldOutLoss(double[] coefficients, TrainingState state)
        {
            using var scope = torch.NewDisposeScope();
            Load(coefficients, state);
            using var noGrad = torch.no_grad();
            Model.eval();
            var sum = 0.0;
            foreach (var batch in heldOut)
            {
                sum += data.Loss(Model, batch).item<float>();
                state.Charge(batch.Size * TrainingState.ForwardOnly);
            }
            Model.train();
            return sum / heldOut.Count;
        }

        void Load(double[] coefficients, TrainingState state)
        {
            CheckpointAverage.LoadCombination(Model, latest.OldestFirst, coefficients);
            recentInputs.Reestimate(Model, state);
        }

        public override torch.nn.Module ModelToEvaluate() => combined.SwapIn(Model) ? Model : base.ModelToEvaluate();

        public override void Dispose()
        {
            latest.Dispose();
            recentInputs.Dispose();
            foreach (var batch in heldOut) { batch.Inputs.Dispose(); batch.Targets.Dispose(); }
            combined.Dispose();
            base.Dispose();
        }
    }
}
