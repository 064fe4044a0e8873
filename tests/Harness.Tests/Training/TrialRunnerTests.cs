using Bench.Contracts;
using Bench.Harness.Training;
using Bench.Tests.Shared;

namespace Bench.Harness.Tests.Training;

public class TrialRunnerTests
{
    static readonly TrialSpec Spec = new("scripted", "smoke", "sgd", 0);

    static TrialOutcome Run(ScriptedWorkload workload, FakeTimeSource time) =>
        new TrialRunner(time, warmupSteps: 0).Run(Spec, workload, new SgdSubmission(), TorchFixture.Cpu, "");

    [Fact]
    public void Time_to_target_is_read_at_the_first_evaluation_meeting_it_and_excludes_evaluation()
    {
        var time = new FakeTimeSource();
        // One step between evaluations, 1 s per step, 100 s per evaluation; third evaluation meets 0.9.
        var outcome = Run(new ScriptedWorkload([0.5, 0.7, 0.95, 0.99], time), time);

        Assert.Equal(TrialStatus.Reached, outcome.Record.Status);
        Assert.Equal(3.0, outcome.Record.TimeToTargetSeconds);
        Assert.Equal(3.0, outcome.Record.StepsToTarget);
        Assert.Equal(3.0 * ScriptedWorkload.BatchSize, outcome.Record.ExamplesToTarget);
        Assert.Equal(3.0 * ScriptedWorkload.BatchSize * 48, outcome.Record.FlopsToTarget);
        Assert.Equal(300.0, outcome.Record.EvalSeconds);
        Assert.Equal(3, outcome.Curve.Count);
        Assert.Equal(0.95, outcome.Record.FinalMetric);
    }

    [Fact]
    public void Near_the_target_evaluation_switches_to_the_fine_cadence()
    {
        // Coarse: every 4 steps. Within 0.1 of the 0.9 target: every step. The second evaluation (0.85) is close.
        var fine = new FineEvaluation(Within: 0.1, EveryExamples: ScriptedWorkload.BatchSize);
        var time = new FakeTimeSource();
        var outcome = Run(new ScriptedWorkload([0.5, 0.85, 0.87, 0.95], time, evaluateEverySteps: 4, nearTarget: fine), time);

        Assert.Equal([4L, 8, 9, 10], outcome.Curve.Select(p => p.Step));
        Assert.Equal(10.0, outcome.Record.StepsToTarget);
        Assert.Equal(10.0, outcome.Record.TimeToTargetSeconds);
    }

    [Fact]
    public void Without_a_fine_cadence_steps_to_target_are_quantised_by_the_coarse_one()
    {
        var time = new FakeTimeSource();
        var outcome = Run(new ScriptedWorkload([0.5, 0.85, 0.87, 0.95], time, evaluateEverySteps: 4), time);

        Assert.Equal(16.0, outcome.Record.StepsToTarget);
    }

    [Fact]
    public void Far_from_the_target_or_past_it_the_cadence_stays_coarse()
    {
        var scale = new ScriptedWorkload([0.5], nearTarget: new FineEvaluation(0.1, 1), evaluateEverySteps: 4).Scale("smoke");

        Assert.Equal(1, scale.EvaluationInterval(0.85));
        Assert.Equal(4 * ScriptedWorkload.BatchSize, scale.EvaluationInterval(0.7));
        Assert.Equal(4 * ScriptedWorkload.BatchSize, scale.EvaluationInterval(0.95));
        Assert.Equal(4 * ScriptedWorkload.BatchSize, scale.EvaluationInterval(double.NaN));
    }

    [Fact]
    public void A_trial_evaluating_more_often_than_the_cap_allows_is_spread_evenly_over_its_budget()
    {
        // Every step for 40 steps would be 40 evaluations; the cap of 10 spaces them 4 steps apart, the last at the budget's end.
        var time = new FakeTimeSource();
        var outcome = Run(new ScriptedWorkload([0.1], time, maxSteps: 40, maxEvaluations: 10), time);

        Assert.Equal([4L, 8, 12, 16, 20, 24, 28, 32, 36, 40], outcome.Curve.Select(p => p.Step));
        Assert.Equal(TrialStatus.Missed, outcome.Record.Status);
    }

    [Theory]
    [InlineData(37, 1, 7)]
    [InlineData(101, 2, 5)]
    [InlineData(1000, 7, 5)]
    public void No_cadence_exceeds_the_cap_on_evaluations(long maxSteps, int everySteps, int cap)
    {
        // The fine cadence (every step near the target) as well as the coarse one: the script stays just below the target.
        var time = new FakeTimeSource();
        var fine = new FineEvaluation(Within: 0.5, EveryExamples: ScriptedWorkload.BatchSize);
        var outcome = Run(new ScriptedWorkload([0.1, 0.8], time, maxSteps: maxSteps, evaluateEverySteps: everySteps, nearTarget: fine, maxEvaluations: cap),
            time);

        Assert.InRange(outcome.Curve.Count, 1, cap);
        Assert.Equal(maxSteps, outcome.Curve[^1].Step);
    }

    [Fact]
    public void A_cadence_within_the_cap_is_unchanged()
    {
        var time = new FakeTimeSource();
        var outcome = Run(new ScriptedWorkload([0.1], time, maxSteps: 40, evaluateEverySteps: 4, maxEvaluations: 20), time);

        Assert.Equal([4L, 8, 12, 16, 20, 24, 28, 32, 36, 40], outcome.Curve.Select(p => p.Step));
    }

    [Fact]
    public void The_cap_is_deterministic_for_a_fine_cadence_entered_late()
    {
        // Coarse every 10 steps to step 50 (5 evaluations), then within reach of the target: every step, capped at 12
        // evaluations in all, so the 50 steps left are shared among 7: ceil(50/7) = 8 steps, then 42 among 6: every 7.
        var time = new FakeTimeSource();
        var fine = new FineEvaluation(Within: 0.2, EveryExamples: ScriptedWorkload.BatchSize);
        var outcome = Run(new ScriptedWorkload([0.1, 0.1, 0.1, 0.1, 0.8], time, maxSteps: 100, evaluateEverySteps: 10, nearTarget: fine, maxEvaluations: 12),
            time);

        Assert.Equal([10L, 20, 30, 40, 50, 58, 65, 72, 79, 86, 93, 100], outcome.Curve.Select(p => p.Step));
    }

    [Fact]
    public void The_wall_time_records_what_the_clock_leaves_out()
    {
        // Opening takes 7 s, each step 1 s (2 warm-up, 2 trained), each evaluation 100 s (2).
        var time = new FakeTimeSource();
        var outcome = new TrialRunner(time, warmupSteps: 2)
            .Run(Spec, new ScriptedWorkload([0.5, 0.95], time, secondsToOpen: 7), new SgdSubmission(), TorchFixture.Cpu, "");
        var wall = outcome.WallTime!;

        Assert.Equal(2.0, outcome.Record.TimeToTargetSeconds);
        Assert.Equal(7.0, wall.DataOpenSeconds);
        Assert.Equal(2.0, wall.WarmupSeconds);
        Assert.Equal(0.0, wall.ModelBuildSeconds);
        Assert.Equal(2.0, wall.TrainSeconds);
        Assert.Equal(200.0, wall.EvaluationSeconds);
        Assert.Equal(211.0, wall.TotalSeconds);
        Assert.True(wall.ProcessStartSeconds > 0);
    }

    [Fact]
    public void A_miss_is_a_row_with_infinite_time_to_target()
    {
        var time = new FakeTimeSource();
        var outcome = Run(new ScriptedWorkload([0.1, 0.2, 0.3], time, maxSteps: 5), time);

        Assert.Equal(TrialStatus.Missed, outcome.Record.Status);
        Assert.True(double.IsPositiveInfinity(outcome.Record.TimeToTargetSeconds));
        Assert.True(double.IsPositiveInfinity(outcome.Record.StepsToTarget));
        Assert.True(double.IsPositiveInfinity(outcome.Record.FlopsToTarget));
        Assert.Equal(5, outcome.Record.Steps);
        Assert.Equal(0.3, outcome.Record.BestMetric);
    }

    [Fact]
    public void The_step_budget_decides_a_miss_even_past_the_calibrated_seconds()
    {
        // A loaded machine: 10 s a step against a 35 s calibrated budget. The trial still gets its 5 steps.
        var time = new FakeTimeSource();
        var outcome = Run(new ScriptedWorkload([0.1], time, secondsPerStep: 10, maxSeconds: 35, maxSteps: 5), time);

        Assert.Equal(TrialStatus.Missed, outcome.Record.Status);
        Assert.Equal(5, outcome.Record.Steps);
    }

    [Fact]
    public void The_time_cap_stops_a_trial_as_time_capped_not_missed()
    {
        var time = new FakeTimeSource();
        var outcome = Run(new ScriptedWorkload([0.1], time, secondsPerStep: 10, maxSeconds: 10, maxSteps: 100), time);

        Assert.Equal(TrialStatus.TimeCapped, outcome.Record.Status);
        Assert.Equal(Budget.TimeCapFactor * 10 / 10, outcome.Record.Steps); // 0, 10, 20, 30 s are under the 40 s cap; 40 s is not
        Assert.Contains("stopped by the 40 s time cap", outcome.Record.Error);
        Assert.True(double.IsPositiveInfinity(outcome.Record.TimeToTargetSeconds));
    }

    [Fact]
    public void A_target_met_before_the_cap_is_reached_whatever_the_calibrated_seconds()
    {
        var time = new FakeTimeSource();
        // 30 s to the target against a 10 s calibrated budget: slow, but under the 40 s cap.
        var outcome = Run(new ScriptedWorkload([0.1, 0.2, 0.95], time, secondsPerStep: 10, maxSeconds: 10), time);

        Assert.Equal(TrialStatus.Reached, outcome.Record.Status);
        Assert.Equal(30.0, outcome.Record.TimeToTargetSeconds);
    }

    [Fact]
    public void A_nan_loss_is_divergence()
    {
        var time = new FakeTimeSource();
        var outcome = Run(new ScriptedWorkload([0.1], time, nanFromStep: 2), time);

        Assert.Equal(TrialStatus.Diverged, outcome.Record.Status);
        Assert.True(double.IsPositiveInfinity(outcome.Record.TimeToTargetSeconds));
        Assert.Equal(3, outcome.Record.Steps);
    }

    [Fact]
    public void Lower_is_better_targets_are_met_from_above()
    {
        var time = new FakeTimeSource();
        var outcome = Run(new ScriptedWorkload([3.0, 2.0, 1.4], time, direction: MetricDirection.Lower, target: 1.5), time);

        Assert.Equal(TrialStatus.Reached, outcome.Record.Status);
        Assert.Equal(3.0, outcome.Record.StepsToTarget);
    }

    [Fact]
    public void A_throwing_submission_gives_a_crashed_row()
    {
        var time = new FakeTimeSource();
        var outcome = new TrialRunner(time, warmupSteps: 0).Run(Spec, new ScriptedWorkload([0.1], time), new ThrowingSubmission(), TorchFixture.Cpu, "");

        Assert.Equal(TrialStatus.Crashed, outcome.Record.Status);
        Assert.Contains("boom", outcome.Record.Error);
        Assert.True(double.IsPositiveInfinity(outcome.Record.TimeToTargetSeconds));
    }

    [Fact]
    public void Warm_up_is_untimed_and_does_not_change_the_trial()
    {
        var withWarmup = new TrialRunner(new FakeTimeSource(), warmupSteps: 3).Run(Spec, new ScriptedWorkload([0.1], maxSteps: 6), new SgdSubmission(),
            TorchFixture.Cpu, "");
        var without = new TrialRunner(new FakeTimeSource(), warmupSteps: 0).Run(Spec, new ScriptedWorkload([0.1], maxSteps: 6), new SgdSubmission(),
            TorchFixture.Cpu, "");

        Assert.Equal(without.Curve.Select(p => p.TrainLoss), withWarmup.Curve.Select(p => p.TrainLoss));
        Assert.Equal(6, withWarmup.Record.Steps);
    }

    sealed class ThrowingSubmission : ISubmission
    {
        public string Id => "throws";
        public string PaperId => "test";
        public string Description => "";
        public WorkloadApplicability AppliesTo => WorkloadApplicability.Every;
        public TrainingMethod Create(TrainingSetup setup) => throw new InvalidOperationException("boom");
    }
}

public class FullBudgetTests
{
    [Fact]
    public void With_full_budget_the_trial_continues_but_time_to_target_is_the_first_hit()
    {
        var time = new FakeTimeSource();
        var outcome = new TrialRunner(time, warmupSteps: 0, fullBudget: true)
            .Run(new TrialSpec("scripted", "smoke", "sgd", 0), new ScriptedWorkload([0.5, 0.95, 0.97, 0.99], time, maxSteps: 4), new SgdSubmission(),
                TorchFixture.Cpu, "");

        Assert.Equal(TrialStatus.Reached, outcome.Record.Status);
        Assert.Equal(2.0, outcome.Record.StepsToTarget);
        Assert.Equal(4, outcome.Record.Steps);
        Assert.Equal(0.99, outcome.Record.FinalMetric);
    }
}
