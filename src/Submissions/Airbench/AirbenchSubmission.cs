using Bench.Contracts;
using Bench.Submissions.Common;
using TorchSharp;
using static Bench.Submissions.Airbench.AirbenchRecipe;

namespace Bench.Submissions.Airbench;

/// <summary>
/// airbench94's recipe (Jordan, arXiv 2404.00498) on the CIFAR-10 workload: its own network (<see cref="AirbenchNet"/>,
/// whitening layer fitted to training images) in place of the workload's, alternating flips
/// (<see cref="AlternatingFlipSource"/>) in place of the workload's random ones, label smoothing 0.2, Nesterov SGD with
/// airbench's rates and its warmup-decay schedule, lookahead every 5 steps, and flip-and-translate test-time augmentation.
/// Both replacements use only the general workload access: input shape, class count, training split and seed.
/// </summary>
public sealed class AirbenchSubmission : ISubmission
{
    /// <summary>Images the whitening filters are computed from (airbench's value: the first 5,000 training images).</summary>
    public const int WhiteningImages = 5000;

    /// <summary>
    /// The network's widths at each scale: those of the workload's own network at that scale (cifar10's smoke, cpu and gpu),
    /// so the comparison is of recipes at equal width; gpu's are airbench94's 64-256-256.
    /// </summary>
    public static IReadOnlyDictionary<string, int[]> WidthsByScale { get; } = new Dictionary<string, int[]>
    {
        ["smoke"] = [8, 16, 32],
        ["cpu"] = [16, 32, 64],
        ["gpu"] = [64, 256, 256],
    };

    public string Id => "airbench";

    /// <summary>No translate augmentation, no progressive freezing of the whitening bias.</summary>
    public Fidelity Fidelity => Fidelity.Partial;

    public string PaperId => "airbench";

    public string Description => "airbench94: whitened net, alternating flips, label smoothing, Nesterov SGD, lookahead, flip+translate TTA";

    public WorkloadApplicability AppliesTo => Applicability.Only("cifar10");

    public object DefaultHyperparameters(IWorkload workload, string scale) => Defaults(workload.Baseline(scale).BatchSize);

    /// <summary>airbench94's values at the workload's batch size (see <see cref="AirbenchRecipe"/> for the conversion).</summary>
    static AirbenchHyperparameters Defaults(int batchSize) => new(batchSize, MeanLossLearningRate(batchSize), DecayPerStep(batchSize));

    public TrainingMethod Create(TrainingSetup setup)
    {
        var data = setup.Data;
        var h = setup.HyperparametersOr(() => Defaults(setup.Baseline.BatchSize));
        if (data.InputShape is not [AirbenchNet.Channels, _, _] || data.Classes is not { } classes || data.TrainingSplit is not { } split)
            throw new InvalidOperationException("airbench needs RGB images ([3, H, W]), a class count and the training split in memory; workload " +
                $"'{setup.WorkloadId}' does not give them");
        if (!WidthsByScale.TryGetValue(setup.Scale.Name, out var widths))
            throw new InvalidOperationException($"airbench has no widths for scale '{setup.Scale.Name}' (it knows {string.Join(", ", WidthsByScale.Keys)})");
        var model = BuildNetwork(widths, classes, split.Inputs, setup.Device);
        return new Method(model, h, setup.Scale.Budget.MaxSteps, classes, split, data.Seed);
    }

    /// <summary>airbench's network on <paramref name="device"/>, its whitening layer fitted to the first of <paramref name="images"/>.</summary>
    public static AirbenchNet BuildNetwork(int[] widths, int classes, torch.Tensor images, torch.Device device)
    {
        var net = new AirbenchNet(widths, classes).to(device);
        using var scope = torch.NewDisposeScope();
        net.InitialiseWhitening(images.narrow(0, 0, Math.Min(WhiteningImages, images.shape[0])));
        return net;
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
        readonly int classes;
        readonly Batch split;
        readonly int seed;

        public Method(torch.nn.Module<torch.Tensor, torch.Tensor> model, AirbenchHyperparameters h, long horizon, int classes, Batch split, int seed)
        {
            (this.model, this.h, this.horizon, this.classes, this.split, this.seed) = (model, h, horizon, classes, split, seed);
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

        /// <summary>Alternating flips over the whole training split, in place of the workload's random flips.</summary>
        public override IBatchSource TrainBatches(IBatchSource workloadBatches) => new AlternatingFlipSource(split.Inputs, split.Targets, seed);

        public override Batch TransformBatch(Batch batch, TrainingState state) =>
            batch with { Targets = SmoothedTargets(batch.Targets, classes, h.LabelSmoothing) };

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
