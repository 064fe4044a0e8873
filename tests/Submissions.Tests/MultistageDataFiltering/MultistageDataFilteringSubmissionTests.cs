using Bench.Contracts;
using Bench.Submissions.MultistageDataFiltering;
using Bench.Tests.Shared;
using Bench.Workloads;
using TorchSharp;
using static TorchSharp.torch;

namespace Bench.Submissions.Tests.MultistageDataFiltering;

/// <summary>The submission on a smoke-scale sst2 run: what the filter reaches, its bookings on the harness's state, bad input.</summary>
public class MultistageDataFilteringSubmissionTests
{
    static readonly IWorkload Sst2 = WorkloadRegistry.Get("sst2");

    static TrainingMethod Create(IWorkloadRun run, nn.Module model, MultistageDataFilteringHyperparameters? h, string workload = "sst2")
    {
        var w = WorkloadRegistry.Get(workload);
        return new MultistageDataFilteringSubmission().Create(new TrainingSetup(w.Id, w.Scale("smoke"), w.Baseline("smoke"), model,
            TorchFixture.Cpu, new WorkloadAccess(run, 0), h is null ? null : Hyperparameters.Of(h)));
    }

    /// <summary>One harness step: filter, forward and backward of the kept rows, update.</summary>
    static Batch Step(IWorkloadRun run, TrainingMethod method, Batch delivered, TrainingState state)
    {
        method.Model.train();
        var batch = method.TransformBatch(delivered, state);
        method.Model.zero_grad();
        run.Loss(method.Model, batch).backward();
        method.AfterBackward(state);
        method.OptimizerStep(state);
        method.AfterStep(state);
        return batch;
    }

    [Fact]
    public void The_filter_scores_only_delivered_training_rows_in_eval_mode_and_never_evaluates()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var run = new TrainingOnlyRun(Sst2.Open(new RunContext(Sst2.Scale("smoke"), 0, TorchFixture.Cpu, TestData.Root)));
        manual_seed(1);
        using var model = run.CreateModel();
        // Warm-up of 2 steps (0.1 of the smoke budget of 200 would be 20): stages 1 and 2 within 8 steps.
        using var method = Create(run, model, new MultistageDataFilteringHyperparameters(WarmupFraction: 0.01, MetaWindow: 1, MetaLoss: 10));
        var batches = run.TrainBatches(0);
        var delivered = new Dictionary<long, long[]>();
        var split = run.TrainingSplit!;
        var length = (int)split.Inputs.shape[1];
        var trainTokens = split.Inputs.data<long>().ToArray();

        for (var step = 0; step < 8; step++)
        {
            using var stepScope = NewDisposeScope();
            var batch = batches.Next(method.BatchSize);
            var tokens = batch.Inputs.data<long>().ToArray();
            for (var i = 0; i < batch.Size; i++) delivered[batch.ExampleIds![i]] = tokens[(i * length)..((i + 1) * length)];
            Step(run, method, batch, new TrainingState { StepHint = 200, Step = step });
            Assert.True(model.training); // restored after scoring
        }

        Assert.All(run.Modes, training => Assert.False(training)); // scored with dropout off

        Assert.NotEmpty(run.Scored);
        Assert.All(run.Scored, row =>
        {
            Assert.True(delivered.TryGetValue(row.Id, out var tokens), $"example {row.Id} was scored but never delivered");
            Assert.Equal(tokens, row.Tokens);
            Assert.Equal(trainTokens[(int)(row.Id * length)..(int)((row.Id + 1) * length)], row.Tokens);
        });
    }

    [Fact]
    public void Skipped_rows_and_scoring_are_booked_on_the_harness_state()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var run = Sst2.Open(new RunContext(Sst2.Scale("smoke"), 0, TorchFixture.Cpu, TestData.Root));
        manual_seed(2);
        using var model = run.CreateModel();
        using var method = Create(run, model, new MultistageDataFilteringHyperparameters(WarmupFraction: 0.01, ThresholdWindow: 64));
        var batches = run.TrainBatches(0);
        var state = new TrainingState { StepHint = 200, WorkloadFlopsPerExample = run.TrainFlopsPerExample };
        // The meta-predictor's price for one example, in forward passes of the CNN.
        var meta = MultistageDataFilteringSubmission.MetaFlopsPerExample(((ITokenClassifier)model).Vocabulary)
            / (TrainingState.ForwardOnly * run.TrainFlopsPerExample);

        // Warm-up (2 steps): the last, of 64 examples, is scored for a threshold window of 64. Then stage 1.
        var trained = new List<int>();
        for (var step = 0; step < 4; step++)
        {
            using var stepScope = NewDisposeScope();
            state.Step = step;
            var delivered = batches.Next(method.BatchSize);
            state.ExamplesSeen += delivered.Size; // as the harness counts them, before TransformBatch
            trained.Add(Step(run, method, delivered, state).Size);
        }

        // Steps 2 and 3 score all 64; the meta-predictor predicts and learns each of those 128 rows.
        Assert.Equal(64, trained[0]);
        Assert.Equal(64, trained[1]);
        Assert.Equal(64 + 128 + 2 * 128 * meta, state.ExamplesScored, 9);
        Assert.Equal(128 - trained[2] - trained[3], state.ExamplesSkipped);
        Assert.Equal(0, state.ChargedExamples); // scoring is not extra examples
        Assert.Equal(256, state.ExamplesSeen);
        Assert.True(trained[2] < 64 && trained[3] < 64, $"kept {trained[2]} and {trained[3]} of 64: a loss threshold keeps some");
        // FLOPs: the 256 delivered, less the skipped, plus the scoring at a third of an example each.
        Assert.Equal((256 - state.ExamplesSkipped + state.ExamplesScored / 3) * run.TrainFlopsPerExample, state.Flops,
            1e-9 * state.Flops);
    }

    public static TheoryData<MultistageDataFilteringHyperparameters, string> BadHyperparameters => new()
    {
        { new(WarmupFraction: 0), "warmup_fraction" },
        { new(WarmupFraction: 1), "warmup_fraction" },
        { new(ThresholdWindow: 0), "threshold_window" },
        { new(MetaWindow: 0), "meta_window" },
        { new(MetaLoss: 0), "meta_loss" },
        { new(MetaLoss: -1), "meta_loss" },
    };

    [Theory]
    [MemberData(nameof(BadHyperparameters))]
    public void Bad_hyperparameters_are_config_errors_naming_them(MultistageDataFilteringHyperparameters h, string name)
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var run = Sst2.Open(new RunContext(Sst2.Scale("smoke"), 0, TorchFixture.Cpu, TestData.Root));
        using var model = run.CreateModel();

        var error = Assert.Throws<ConfigException>(() => Create(run, model, h));

        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Warm_up_steps_are_the_budgets_fraction_rounded_and_at_least_one()
    {
        Assert.Equal(40, MultistageDataFilteringSubmission.WarmupSteps(400, 0.1));
        Assert.Equal(1, MultistageDataFilteringSubmission.WarmupSteps(2, 0.1));
        Assert.Equal(3, MultistageDataFilteringSubmission.WarmupSteps(25, 0.1)); // 2.5 rounds up
    }
}
