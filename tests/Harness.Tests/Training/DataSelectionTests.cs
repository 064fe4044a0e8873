using Bench.Contracts;
using Bench.Harness.Results;
using Bench.Harness.Training;
using Bench.Tests.Shared;
using TorchSharp;

namespace Bench.Harness.Tests.Training;

/// <summary>
/// The accounting of methods that change what a step trains on: examples are counted as delivered (before TransformBatch),
/// skipped examples cost no training FLOPs, scoring passes are charged in FLOPs only, and drawing batches is timed.
/// </summary>
public class DataSelectionTests
{
    // The scripted workload: batches of 4, 48 FLOPs per example; the third evaluation (after step 3) meets the target.
    const double WorkloadFlops = 48;
    const int Batch = ScriptedWorkload.BatchSize;
    const double Delivered = 3.0 * Batch;

    static TrialRecord Run(Func<Batch, TrainingState, Batch> transform, double secondsPerBatch = 0)
    {
        var time = new FakeTimeSource();
        return new TrialRunner(time, warmupSteps: 0)
            .Run(new TrialSpec("scripted", "smoke", "selecting", 0), new ScriptedWorkload([0.5, 0.7, 0.95], time, secondsPerBatch: secondsPerBatch),
                new TransformingSubmission(transform), TorchFixture.Cpu, "")
            .Record;
    }

    static Batch Rows(Batch batch, long count) =>
        new(batch.Inputs.narrow(0, 0, count), batch.Targets.narrow(0, 0, count)) { ExampleIds = batch.ExampleIds?[..(int)count] };

    [Fact]
    public void Skipped_examples_count_as_seen_and_their_training_flops_are_not_charged()
    {
        var record = Run((batch, state) =>
        {
            state.SkipTraining(3);
            return Rows(batch, 1);
        });

        Assert.Equal(TrialStatus.Reached, record.Status);
        Assert.Equal(Delivered, record.ExamplesToTarget);
        Assert.Equal(3.0, record.StepsToTarget);
        Assert.Equal(3 * 3, record.ExamplesSkipped);
        Assert.Equal(3 * 1 * WorkloadFlops, record.FlopsToTarget);
    }

    [Fact]
    public void Scoring_passes_are_charged_a_third_of_an_example_each_in_flops_only()
    {
        var record = Run((batch, state) =>
        {
            state.ChargeScoring(batch.Size);
            return batch;
        });

        Assert.Equal(Delivered, record.ExamplesToTarget);
        Assert.Equal(3.0, record.StepsToTarget);
        Assert.Equal(Delivered * WorkloadFlops * (1 + TrainingState.ForwardOnly), record.FlopsToTarget, 6);
    }

    [Fact]
    public void A_batch_cut_into_more_rows_keeps_the_delivered_example_count()
    {
        // Twice the rows (as a context-length schedule cuts each window into shorter ones).
        var record = Run((batch, _) => new Batch(batch.Inputs.repeat_interleave(2, 0), batch.Targets.repeat_interleave(2, 0)));

        Assert.Equal(Delivered, record.ExamplesToTarget);
        Assert.Equal(Delivered * WorkloadFlops, record.FlopsToTarget);
    }

    [Fact]
    public void Skipping_more_examples_than_the_step_delivered_is_a_crashed_row_saying_so()
    {
        var record = Run((batch, state) =>
        {
            state.SkipTraining(batch.Size + 1);
            return Rows(batch, 1);
        });

        Assert.Equal(TrialStatus.Crashed, record.Status);
        Assert.Contains("skipped 5 examples of a step that delivered 4", record.Error);
    }

    [Fact]
    public void The_seconds_spent_drawing_batches_are_recorded_as_part_of_training_time()
    {
        // Each step: 0.25 s drawing its batch, 1 s in the loss (the scripted workload's step).
        var record = Run((batch, _) => batch, secondsPerBatch: 0.25);

        Assert.Equal(3 * 0.25, record.DataSeconds, 9);
        Assert.Equal(3 * 1.25, record.TrainSeconds, 9);
    }

    [Fact]
    public void A_batch_size_and_cost_that_change_mid_trial_count_each_steps_examples_at_that_steps_price()
    {
        // A multigrid-like schedule: steps 0-1 at 4x the batch and a quarter of the cost (a quarter of the pixels), then the base shape.
        var time = new FakeTimeSource();
        var record = new TrialRunner(time, warmupSteps: 0)
            .Run(new TrialSpec("scripted", "smoke", "shapes", 0), new ScriptedWorkload([0.5, 0.7, 0.95], time),
                new TransformingSubmission((batch, _) => batch, step => step < 2 ? 4 * Batch : Batch, step => step < 2 ? WorkloadFlops / 4 : null),
                TorchFixture.Cpu, "")
            .Record;

        Assert.Equal(TrialStatus.Reached, record.Status);
        Assert.Equal(3.0, record.StepsToTarget);
        Assert.Equal(2 * 4 * Batch + Batch, record.ExamplesToTarget);
        Assert.Equal(2 * 4 * Batch * WorkloadFlops / 4 + Batch * WorkloadFlops, record.FlopsToTarget);
    }

    /// <summary>SGD whose TransformBatch is <c>transform</c>.</summary>
    sealed class TransformingSubmission(Func<Batch, TrainingState, Batch> transform, Func<long, int>? batchSize = null,
        Func<long, double?>? price = null) : ISubmission
    {
        public string Id => "selecting";
        public string PaperId => "test";
        public string Description => "test fake";
        public WorkloadApplicability AppliesTo => WorkloadApplicability.Every;

        public TrainingMethod Create(TrainingSetup setup) =>
            new Method(setup.Model, torch.optim.SGD(setup.Model.parameters(), setup.Baseline.LearningRate),
                batchSize ?? (_ => setup.Baseline.BatchSize), price ?? (_ => null), transform);

        sealed class Method(torch.nn.Module model, torch.optim.Optimizer optimizer, Func<long, int> batchSize, Func<long, double?> price,
            Func<Batch, TrainingState, Batch> transform) : TrainingMethod
        {
            long steps;

            public override torch.nn.Module Model => model;
            public override int BatchSize => batchSize(steps);
            public override double? FlopsPerExample => price(steps);
            public override Batch TransformBatch(Batch batch, TrainingState state) => transform(batch, state);
            public override void OptimizerStep(TrainingState state) => optimizer.step();
            public override void AfterStep(TrainingState state) => steps++;
        }
    }
}
