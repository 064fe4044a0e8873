using Bench.Harness.Results;
using Bench.Harness.Training;

namespace Bench.Harness.Orchestration;

/// <summary>
/// Runs a list of trials, appending one row per finished trial. Resumable: a trial whose current row for this
/// machine is final (reached, missed, diverged) is skipped; a trial whose process finished and saved its manifest
/// but whose row was never appended (the run was killed in between) gets its row without rerunning. A trial whose
/// current row is crashed, timed out or time-capped is retried: its files are set aside and the new row supersedes
/// the old one, which stays in the table.
/// </summary>
/// <remarks>
/// A row counts for this machine when its machine id is the one <c>machineIdOf</c> gives its trial: the id includes the
/// thread count, which can differ per workload (<see cref="Contracts.IWorkload.DefaultThreads"/>).
/// </remarks>
public sealed class TrialQueue(ResultsStore store, ITrialExecutor executor, Func<TrialSpec, string> machineIdOf, string runId = "")
{
    /// <summary>A queue whose trials all run with one machine id.</summary>
    public TrialQueue(ResultsStore store, ITrialExecutor executor, string machineId, string runId = "")
        : this(store, executor, _ => machineId, runId)
    {
    }

    /// <summary>Outcome counts of one <see cref="Run"/>.</summary>
    public sealed record Summary(int Ran, int Skipped, int Recovered, IReadOnlyList<TrialRecord> Records)
    {
        /// <summary>How many of <see cref="Ran"/> were retries of a crashed, timed-out or time-capped trial.</summary>
        public int Retried { get; init; }
    }

    /// <summary>True for a row that settles its trial; the others (crashed, timed out, time-capped) are retried by a rerun.</summary>
    public static bool IsFinal(TrialStatus status) => status is TrialStatus.Reached or TrialStatus.Missed or TrialStatus.Diverged;

    /// <summary>
    /// Runs every spec not yet finished; <paramref name="observer"/> sees each as it starts and ends. The trials to run
    /// are decided first, so an <see cref="IBatchTrialExecutor"/> can start them all at once.
    /// </summary>
    public Summary Run(IReadOnlyList<TrialSpec> specs, ITrialObserver? observer = null)
    {
        var batch = executor as IBatchTrialExecutor;
        batch?.AwaitEarlierBatches();
        var onThisMachine = store.ReadAllTrials().Where(r => r.MachineId == machineIdOf(r.Spec)).ToList();
        var appended = onThisMachine.Select(Identity).ToHashSet();
        // Only this run's rows settle its trials: a trial another run finished is that run's measurement, not this one's.
        var current = TrialTable.Current(onThisMachine.Where(r => r.RunId == runId)).ToDictionary(r => r.Spec);
        int ran = 0, skipped = 0, recovered = 0, retried = 0;
        var records = new List<TrialRecord>();
        var toRun = new List<TrialSpec>();
        foreach (var spec in specs)
        {
            if (current.TryGetValue(spec, out var row) && IsFinal(row.Status))
            {
                skipped++;
                observer?.Skipped(spec);
                continue;
            }
            if (store.ReadManifest(spec)?.Record is { } saved && saved.MachineId == machineIdOf(spec) && !appended.Contains(Identity(saved)))
            {
                saved = saved with { RunId = runId };
                store.Append(saved);
                appended.Add(Identity(saved));
                current[spec] = saved;
                recovered++;
                records.Add(saved);
                observer?.Finished(spec, saved);
                if (IsFinal(saved.Status)) continue;
            }
            // Before any trial starts, so a batch's new manifest is never confused with the old attempt's, and another
            // run's files of the same trial are kept rather than overwritten.
            var retry = current.ContainsKey(spec);
            if (retry || store.ReadManifest(spec) is not null) store.SetAside(spec, store.OtherRunOfFiles(spec, onThisMachine, runId));
            if (retry) retried++;
            toRun.Add(spec);
        }
        batch?.Submit(toRun);
        foreach (var spec in toRun)
        {
            observer?.Started(spec);
            var record = executor.Execute(spec, p => observer?.Progress(spec, p)) with { RunId = runId };
            store.Append(record);
            appended.Add(Identity(record));
            current[spec] = record;
            ran++;
            records.Add(record);
            observer?.Finished(spec, record);
        }
        return new Summary(ran, skipped, recovered, records) { Retried = retried };
    }

    /// <summary>What tells one attempt's row from another's: the trial and when it started.</summary>
    static (TrialSpec, long) Identity(TrialRecord r) => (r.Spec, r.StartedUtc.Ticks);
}
