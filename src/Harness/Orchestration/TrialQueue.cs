using Bench.Harness.Results;
using Bench.Harness.Training;

namespace Bench.Harness.Orchestration;

/// <summary>
/// Runs a list of trials, appending one row per finished trial. Resumable: a trial that already has
/// a row for this machine is skipped; a trial whose process finished and saved its manifest but
/// whose row was never appended (the run was killed in between) gets its row without rerunning.
/// </summary>
public sealed class TrialQueue(ResultsStore store, ITrialExecutor executor, string machineId, string runId = "")
{
    /// <summary>Outcome counts of one <see cref="Run"/>.</summary>
    public sealed record Summary(int Ran, int Skipped, int Recovered, IReadOnlyList<TrialRecord> Records);

    /// <summary>Runs every spec not yet finished; <paramref name="observer"/> sees each as it starts and ends.</summary>
    public Summary Run(IReadOnlyList<TrialSpec> specs, ITrialObserver? observer = null)
    {
        var finished = store.ReadTrials().Where(r => r.MachineId == machineId).Select(r => r.Spec).ToHashSet();
        int ran = 0, skipped = 0, recovered = 0;
        var records = new List<TrialRecord>();
        foreach (var spec in specs)
        {
            if (finished.Contains(spec))
            {
                skipped++;
                observer?.Skipped(spec);
                continue;
            }
            if (store.ReadManifest(spec)?.Record is { } saved && saved.MachineId == machineId)
            {
                saved = saved with { RunId = runId };
                store.Append(saved);
                recovered++;
                records.Add(saved);
                observer?.Finished(spec, saved);
                continue;
            }
            observer?.Started(spec);
            var record = executor.Execute(spec, p => observer?.Progress(spec, p)) with { RunId = runId };
            store.Append(record);
            finished.Add(spec);
            ran++;
            records.Add(record);
            observer?.Finished(spec, record);
        }
        return new Summary(ran, skipped, recovered, records);
    }
}
