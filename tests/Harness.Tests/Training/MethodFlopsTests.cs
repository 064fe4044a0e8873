using Bench.Contracts;
using Bench.Harness.Results;
using Bench.Harness.Training;
using Bench.Tests.Shared;
using TorchSharp;

namespace Bench.Harness.Tests.Training;

/// <summary>FLOPs-to-target follows the cost a method reports for its steps and the extra passes it charges.</summary>
public class MethodFlopsTests
{
    // The scripted workload: batches of 4, 48 FLOPs per example; the third evaluation (after step 3) meets the target.
    const double WorkloadFlops = 48;
    const double Examples = 3.0 * ScriptedWorkload.BatchSize;

    static TrialRecord Run(Func<long, double?> price, double chargePerStep = 0)
    {
        var time = new FakeTimeSource();
        return new TrialRunner(time, warmupSteps: 0)
            .Run(new TrialSpec("scripted", "smoke", "priced", 0), new ScriptedWorkload([0.5, 0.7, 0.95], time), new PricedSubmission(price, chargePerStep),
                TorchFixture.Cpu, "")
            .Record;
    }

    [Fact]
    public void A_method_reporting_nothing_keeps_the_workload_figure()
    {
        var record = Run(_ => null);

        Assert.Equal(TrialStatus.Reached, record.Status);
        Assert.Equal(Examples * WorkloadFlops, record.FlopsToTarget);
    }

    [Fact]
    public void A_method_reporting_half_cost_steps_gets_half_the_flops_to_target()
    {
        var record = Run(_ => WorkloadFlops / 2);

        Assert.Equal(Examples * WorkloadFlops / 2, record.FlopsToTarget);
        Assert.Equal(Examples, record.ExamplesToTarget);      // examples and steps are counted as before
        Assert.Equal(3.0, record.StepsToTarget);
    }

    [Fact]
    public void Extra_passes_a_method_charges_are_added_at_the_workload_figure_when_it_reports_no_cost()
    {
        var record = Run(_ => null, chargePerStep: 2);

        Assert.Equal((Examples + 3 * 2) * WorkloadFlops, record.FlopsToTarget);
    }

    [Fact]
    public void Extra_passes_are_priced_at_the_cost_the_method_reports()
    {
        var record = Run(_ => 10, chargePerStep: 2);

        Assert.Equal((Examples + 3 * 2) * 10, record.FlopsToTarget);
    }

    [Fact]
    public void A_cost_that_changes_mid_trial_prices_each_step_at_the_figure_read_when_it_started()
    {
        // Dense for the first step, factorised (a quarter of the cost) from then on.
        var record = Run(step => step == 0 ? null : WorkloadFlops / 4);

        Assert.Equal(ScriptedWorkload.BatchSize * WorkloadFlops + 2 * ScriptedWorkload.BatchSize * WorkloadFlops / 4, record.FlopsToTarget);
    }

    [Fact]
    public void A_negative_or_infinite_cost_is_a_crashed_row_naming_the_figure()
    {
        var record = Run(_ => double.PositiveInfinity);

        Assert.Equal(TrialStatus.Crashed, record.Status);
        Assert.Contains("FLOPs per example", record.Error);
    }

    /// <summary>SGD whose reported cost per example is <c>price(steps done)</c>, charging <c>chargePerStep</c> extra examples every step.</summary>
    sealed class PricedSubmission(Func<long, double?> price, double chargePerStep) : ISubmission
    {
        public string Id => "priced";
        public string PaperId => "test";
        public string Description => "test fake";
        public WorkloadApplicability AppliesTo => WorkloadApplicability.Every;

        public TrainingMethod Create(TrainingSetup setup) =>
            new Method(setup.Model, torch.optim.SGD(setup.Model.parameters(), setup.Baseline.LearningRate), setup.Baseline.BatchSize, price, chargePerStep);

        sealed class Method(torch.nn.Module model, torch.optim.Optimizer optimizer, int batchSize, Func<long, double?> price, double chargePerStep)
            : TrainingMethod
        {
            long steps;

            public override torch.nn.Module Model => model;
            public override int BatchSize => batchSize;
            public override double? FlopsPerExample => price(steps);
            public override void OptimizerStep(TrainingState state) => optimizer.step();

            public override void AfterStep(TrainingState state)
            {
                state.Charge(chargePerStep);
                steps++;
            }
        }
    }
}
