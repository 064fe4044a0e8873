using Bench.Harness.Configuration;
using Bench.Contracts;
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
    /// <summary>
    /// Runs and saves <paramref name="spec"/>; returns the row to append. Holds the trial's lock meanwhile, so the same
    /// trial never trains twice at once, and records the machine's load average at start and end in the manifest.
    /// </summary>
    public TrialRecord RunAndSave(TrialSpec spec, ResultsStore store, IProgress<TrialProgress>? progress = null)
    {
        var workload = workloads(spec.Workload);
        var submission = submissions(spec.Submission);
        if (submission.NotApplicableReason(workload) is { } reason)
            throw new ConfigException($"submission '{submission.Id}' does not apply to workload '{workload.Id}': {reason}");

        using var trialLock = store.LockTrial(spec);
        var loadAtStart = LoadAverage.Read();
        // The workload's thread count unless --threads overrides it; the manifest records the resolved count.
        var trialOptions = options with { Threads = options.ThreadsFor(workload) };
        var device = TorchSetup.Initialize(options.Device, trialOptions.Threads.Value);
        var environment = EnvironmentFingerprint.Capture(options.Device, RepositoryRoot.Find());
        var runner = new TrialRunner(clock ?? new StopwatchTimeSource(), options.WarmupSteps, progress, options.FullBudget);
        var outcome = runner.Run(spec, workload, submission, device, options.Data, options.Download);
        var loadAtEnd = LoadAverage.Read();
        var record = outcome.Record.WithEnvironment(environment).WithPlacement(TrialPlacement.Current());
        if (record.Status == TrialStatus.TimeCapped && loadAtStart is not null && loadAtEnd is not null)
            record = record with { Error = $"{record.Error}; load average {loadAtStart.OneMinute:0.0} at start, {loadAtEnd.OneMinute:0.0} at end on " +
                $"{Environment.ProcessorCount} cores" };
        var manifest = new TrialManifest(record, trialOptions.ForTrial(spec.Workload, spec.Submission, spec.Seed), environment)
        {
            LoadAtStart = loadAtStart,
            LoadAtEnd = loadAtEnd,
            Dataset = outcome.Dataset,
            WallTime = outcome.WallTime,
        };
        store.SaveTrial(manifest, outcome.Curve);
        return record;
    }
}
