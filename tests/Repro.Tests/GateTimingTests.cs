using Bench.Harness.Results;
using Bench.Harness.Statistics;
using Bench.Harness.Training;
using Bench.Repro.Execution;

namespace Bench.Repro.Tests;

/// <summary>The timing gate's orchestration and decision with scripted timings (no processes, no training).</summary>
public sealed class GateTimingTests
{
    static readonly TrialSpec Spec = new("modadd", "smoke", "baseline", 0);

    static (IReadOnlyList<TimingGateResult> Results, List<string> Order) Run(Func<string, int, double> seconds)
    {
        var order = new List<string>();
        var results = TimingGate.Run([Spec], 5, (arm, spec, rep) =>
        {
            order.Add($"{arm}{rep}");
            return new TrialRecord { Workload = spec.Workload, Scale = spec.Scale, Submission = spec.Submission, Status = TrialStatus.Reached,
                TimeToTargetSeconds = seconds(arm, rep) };
        }, relativeThreshold: 0.05, noiseSeconds: 0.5);
        return (results, order);
    }

    [Fact]
    public void Runs_alternate_which_build_goes_first()
    {
        var (_, order) = Run((_, _) => 10);
        Assert.Equal(["base0", "candidate0", "candidate1", "base1", "base2", "candidate2", "candidate3", "base3", "base4", "candidate4"], order);
    }

    [Fact]
    public void An_unchanged_build_passes_and_a_deliberately_slowed_one_fails()
    {
        // Same code: the same 10 s ± jitter on both arms.
        double[] jitter = [0.00, 0.12, -0.08, 0.05, -0.10];
        Assert.Equal(TimingConclusion.Same, Run((_, rep) => 10 + jitter[rep]).Results[0].Decision.Conclusion);
        // A regression of 20% (2 s) clears the 5% threshold and the 0.5 s noise floor: every candidate run is slower
        // than every base run + 0.5 s, U = 25/25, exact p = 1/252.
        var slowed = Run((arm, rep) => (arm == TimingGate.Candidate ? 12 : 10) + jitter[rep]).Results[0].Decision;
        Assert.Equal(TimingConclusion.Slower, slowed.Conclusion);
        Assert.Equal(1.0 / 252, slowed.PSlower, 12);
    }

    [Theory]
    [InlineData("--threshold", "five", "--threshold must be a fraction like 5% or 0.05, not 'five'.")]
    [InlineData("--repetitions", "0", "--repetitions must be a whole number from 1 to 1000, not '0'.")]
    [InlineData("--repetitions", "2147483647", "--repetitions must be a whole number from 1 to 1000, not '2147483647'.")]
    [InlineData("--noise", "inf", "--noise must be a finite number of seconds >= 0, not 'inf'.")]
    [InlineData("--threshold", "Infinity%", "--threshold must be a fraction like 5% or 0.05, not 'Infinity%'.")]
    [InlineData("--base", "", "--base needs the path of the base build's repro.dll")]
    [InlineData("--base", "/no/such/repro.dll", "--base /no/such/repro.dll does not exist.")]
    public void Bad_timing_options_exit_2(string option, string value, string message)
    {
        var (code, output) = ReproRunner.Run("gate", "--timing", option, value);
        Assert.Equal(2, code);
        Assert.Contains("error: " + message, output);
    }
}
