using Bench.Harness.Contracts;
using Bench.Submissions.Common;
using TorchSharp;
using static Bench.Submissions.Airbench.AirbenchRecipe;

namespace Bench.Submissions.Airbench;

/// <summary>
/// airbench94's recipe (Jordan, arXiv 2404.00498) on the CIFAR-10 workload: the workload's <c>airbench</c> network
/// (whitening layer fitted to training images), alternating flips, label smoothing 0.2, Nesterov SGD with airbench's
/// rates and its warmup-decay schedule, lookahead every 5 steps, and flip-and-translate test-time augmentation.
/// </summary>
public sealed class AirbenchSubmission : ISubmission
{
    /// <summary>CIFAR-10's classes (the only workload this applies to).</summary>
    public const int Classes = 10;

    public string Id => "airbench";

    /// <summary>No translate augmentation, no progressive freezing of the whitening bias.</summary>
    public Fidelity Fidelity => Fidelity.Partial;

    public string PaperId => "airbench";

    public string Description => "airbench94: whitened net, alternating flips, label smoothing, Nesterov SGD, lookahead, flip+translate TTA";

    public string? NotApplicableReason(IWorkload workload) => Applicability.Only(workload, "cifar10");

    public object DefaultHyperparameters(IWorkload workload, string scale) => Defaults(workload.Baseline(scale).BatchSize);

    /// <summary>airbench94's values at the workload's batch size (see <see cref="AirbenchRecipe"/> for the conversion).</summary>
    static AirbenchHyperparameters Defaults(int batchSize) => new(batchSize, MeanLossLearningRate(batchSize), DecayPerStep(batchSize));

    public TrainingMethod Create(TrainingSetup setup)
    {
        var data = setup.Data ?? throw new InvalidOperationException("airbench asks the workload for its network, which only the harness provides (TrainingSetup.Data)");
        var h = setup.HyperparametersOr(() => Defaults(setup.Baseline.BatchSize));
        var model = (torch.nn.Module<torch.Tensor, torch.Tensor>)data.CreateModel("airbench");
        return new Method(model, h, setup.Scale.Budget.MaxSteps);
    }

    sealed class Method : TrainingMethod
    {
        readonly torch.nn.Module<torch.Tensor, torch.Tensor> model;
        readonly AirbenchHyperparameters h;
        readonly long horizon;
        readonly NesterovSgd weights;
        readonly NesterovSgd normBiases;
        readonly Snapshot slow;
        readonly TestTimeAugmented? evaluated;

        public Method(torch.nn.Module<torch.Tensor, torch.Tensor> model, AirbenchHyperparameters h, long horizon)
        {
            (this.model, this.h, this.horizon) = (model, h, horizon);
            // airbench's two groups: BatchNorm biases at 64x the rate, everything else trainable at the rate; the
            // per-step decay is the same for both, so each group's coupled L2 coefficient is decay / its rate.
            var trainable = model.named_parameters().Where(p => p.parameter.requires_grad).ToList();
            var biases = trainable.Where(p => p.name.Contains("norm", StringComparison.Ordinal)).Select(p => p.parameter).ToList();
            var rest = trainable.Where(p => !p.name.Contains("norm", StringComparison.Ordinal)).Select(p => p.parameter).ToList();
            weights = new NesterovSgd(rest, h.DecayPerStep / h.LearningRate);
            normBiases = new NesterovSgd(biases, h.DecayPerStep / (h.LearningRate * h.BiasScale));
            slow = Snapshot.Take(model);
            evaluated = h.TestTimeAugmentation ? new TestTimeAugmented(model) : null;
        }

        public override torch.nn.Module Model => model;

        public override int BatchSize => h.BatchSize;

        /// <summary>Test-time augmentation is the method's own work (airbench94 counts it in its time): charged.</summary>
        public override bool ChargesEvaluation => evaluated is not null;

        public override TrainStream TrainStream { get; } = new(Augmentation: "alternating-flip");

        public override Batch TransformBatch(Batch batch, TrainingState state) =>
            batch with { Targets = SmoothedTargets(batch.Targets, Classes, h.LabelSmoothing) };

        public override void OptimizerStep(TrainingState state)
        {
            var rate = h.LearningRate * Schedule(state.Step, horizon);
            weights.Step(rate, h.Momentum);
            normBiases.Step(rate * h.BiasScale, h.Momentum);
        }

        /// <summary>Lookahead: every 5 steps the slow copy moves towards the weights and the weights jump to it.</summary>
        public override void AfterStep(TrainingState state)
        {
            if ((state.Step + 1) % LookaheadEvery != 0) return;
            var decay = LookaheadDecay(state.Step + 1, horizon);
            using var scope = torch.NewDisposeScope();
            using var noGrad = torch.no_grad();
            var live = Snapshot.Live(model);
            for (var i = 0; i < live.Count; i++)
            {
                if (!live[i].is_floating_point()) continue;
                slow.Tensors[i].lerp_(live[i], 1 - decay);
                live[i].copy_(slow.Tensors[i]);
            }
        }

        public override torch.nn.Module ModelToEvaluate() => evaluated ?? model;

        public override void Dispose()
        {
            weights.Dispose();
            normBiases.Dispose();
            slow.Dispose();
            evaluated?.Dispose();
            model.Dispose();
            base.Dispose();
        }
    }

    /// <summary>The trained network seen through airbench's TTA; registers it so <c>eval()</c> reaches its BatchNorms.</summary>
    sealed class TestTimeAugmented : torch.nn.Module<torch.Tensor, torch.Tensor>
    {
        readonly torch.nn.Module<torch.Tensor, torch.Tensor> inner;

        public TestTimeAugmented(torch.nn.Module<torch.Tensor, torch.Tensor> inner) : base(nameof(TestTimeAugmented))
        {
            this.inner = inner;
            RegisterComponents();
        }

        public override torch.Tensor forward(torch.Tensor images) => Augmented(inner.forward, images);
    }
}
