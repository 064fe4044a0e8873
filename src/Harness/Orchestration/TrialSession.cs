using Bench.Harness.Configuration;
using Bench.Harness.Contracts;
using Bench.Harness.Provenance;
using Bench.Harness.Results;
using Bench.Harness.Torch;
using Bench.Harness.Training;

namespace Bench.Harness.Orchestration;

/// <summary>
/// Runs one trial in this process and saves its manifest and curve: the body of the
/// <c>repro trial</c> child process, and of the in-process executor used by tests.
/// </summary>
public sealed class TrialSession(BenchOptions options, Func<string, IWorkload> workloads, Func<string, ISubmission> submissions, ITimeSource? clock = null)
{
    /// <summary>Runs and saves <paramref name="spec"/>; returns the row to append.</summary>
    public TrialRecord RunAndSave(TrialSpec spec, ResultsStore store, IProgress<TrialProgress>? progress = null)
    {
        var workload = workloads(spec.Workload);
        var submission = submissions(spec.Submission);
        if (submission.NotApplicableReason(workload) is { } reason)
            throw new ConfigException($"submission '{submission.Id}' does not apply to workload '{workload.Id}': {reason}");

        var device = TorchSetup.Initialize(options.Device, options.Threads);
        var environment = EnvironmentFingerprint.Capture(options.Device, RepositoryRoot.Find());
        var runner = new TrialRunner(clock ?? new StopwatchTimeSource(), options.WarmupSteps, progress, options.FullBudget);
        var outcome = runner.Run(spec, workload, submission, device, options.Data, options.Download);
        var record = outcome.Record.WithEnvironment(environment);
        store.SaveTrial(new TrialManifest(record, options.ForTrial(spec.Workload, spec.Submission, spec.Seed), environment) { Dataset = outcome.Dataset }, outcome.Curve);
        return record;
    }
}
