using System.Text;
using Bench.Harness.Results;
using Bench.Harness.Statistics;
using Bench.Harness.Training;
using Bench.Submissions.Papers;

namespace Bench.Repro.Publishing;

/// <summary>
/// Copies finished trials (rows, curves, manifests) from a local results folder into the committed
/// one, then rewrites what people read: <c>README.md</c> (a leaderboard, one table per workload, the
/// per-paper status list), a CSV for every table under <c>tables/</c> plus <c>summary.csv</c>, and PNG
/// plots under <c>plots/</c>. Rows only grow: a trial already published for the same machine is never
/// rewritten. Every number is computed from the published <c>trials.csv</c> and the frozen profile
/// reference; speedups compare trials of the same machine only. Output has no timestamps, so
/// publishing twice without new rows changes nothing.
/// </summary>
public static class Publisher
{
    /// <summary>
    /// Publishes; returns how many new rows were added. Rows on a user's <c>--dataset</c> stay local: they have no target,
    /// and the published tables and leaderboard are about each workload's own, calibrated data.
    /// </summary>
    public static int Publish(ResultsStore source, ResultsStore published, string baselineId, ComparisonContext context, IReadOnlyList<Paper> papers)
    {
        // Rows only grow: a local row is appended unless that very attempt is published already, and a retried
        // trial's newer row then supersedes the published one (readers take the newest row per trial and machine).
        var history = published.ReadAllTrials();
        var known = history.Select(r => (r.Spec, r.MachineId, r.StartedUtc.Ticks)).ToHashSet();
        var newest = TrialTable.Current(history).ToDictionary(r => (r.Spec, r.MachineId, r.RunId), r => r.StartedUtc);
        var added = 0;
        foreach (var row in source.ReadTrials().Where(r => r.Dataset.Length == 0 && !known.Contains((r.Spec, r.MachineId, r.StartedUtc.Ticks))))
        {
            if (newest.TryGetValue((row.Spec, row.MachineId, row.RunId), out var publishedStart) && publishedStart > row.StartedUtc) continue;
            // A superseded attempt's (or another run's) manifest, curve and log stay beside the new ones.
            if (File.Exists(published.ManifestPath(row.Spec))) published.SetAside(row.Spec, published.OtherRunOfFiles(row.Spec, history, row.RunId));
            CopyIfPresent(source.ManifestPath(row.Spec), published.ManifestPath(row.Spec));
            CopyIfPresent(source.CurvePath(row.Spec), published.CurvePath(row.Spec));
            CopyIfPresent(source.LogPath(row.Spec), published.LogPath(row.Spec));
            published.Append(row);
            known.Add((row.Spec, row.MachineId, row.StartedUtc.Ticks));
            newest[(row.Spec, row.MachineId, row.RunId)] = row.StartedUtc;
            added++;
        }

        var rows = published.ReadTrials();
        var comparisons = rows.GroupBy(r => r.MachineId).SelectMany(m => ComparisonRow.Build(m, baselineId, context)).ToList();
        var reference = ProfileReference.Extend(Path.Combine(published.Root, "reference", "profile-reference.csv"),
            rows.Where(r => r.Submission == baselineId && r.Status != TrialStatus.TimeCapped));
        var leaderboard = Leaderboard.Build(comparisons, reference);

        var md = new StringBuilder();
        Preamble(md, rows, reference);
        foreach (var scale in comparisons.Select(c => c.Scale).Distinct().Order(StringComparer.Ordinal))
        {
            var forest = $"plots/forest-{scale}.png";
            if (Plots.Forest(Path.Combine(published.Root, forest), scale, comparisons))
                md.AppendLine($"![speedups with their CIs against each paper's claim, {scale}]({forest})").AppendLine();
        }
        Write(published, md, "## Noise floor", ResultTables.NoiseFloor(NoiseFloors.Of(rows, baselineId), context.DefaultSeeds),
            "How far two seeds of the same baseline land, so the smallest speedup a comparison can detect. Per workload and scale, the " +
            "baseline of the one run with the most baseline seeds (never pooled across runs); MDS: two arms of n seeds, two-sample " +
            "t-test on log time or steps, alpha 0.05, power 0.8. The suite's goals: MDS at most 1.20x in time and 1.15x in steps. " +
            "Default seeds: what a run uses without `--seeds`, from the workload card. A/A: the run's even seeds against its odd ones, " +
            "whose interval should include 1. Levers and their measured effect: [`noise/README.md`](noise/README.md).");
        Write(published, md, "## Leaderboard", ResultTables.Leaderboard(leaderboard),
            "Area score: AlgoPerf's normalised area under the performance profile ρ(τ), τ from 1 to 4, against the frozen reference " +
            "([`reference/profile-reference.csv`](reference/profile-reference.csv)); 1 = at or under the reference on every frozen workload, " +
            "a workload not measured or missed counts as infinite. Geomean: geometric mean over the measured workloads of the speedup " +
            "against the baseline of the same run (a missed median is 0x).");
        foreach (var scale in leaderboard.Select(r => r.Scale).Distinct())
            foreach (var basis in new[] { "time", "steps" })
            {
                var profile = ResultTables.Profile(scale, basis, leaderboard);
                AtomicFile.WriteAllText(Path.Combine(published.Root, profile.CsvPath), profile.Csv());
                var png = $"plots/profile-{scale}-{basis}.png";
                if (Plots.Profile(Path.Combine(published.Root, png), scale, basis, [.. leaderboard.Where(r => r.Scale == scale)]))
                    md.AppendLine($"![performance profile, {scale}, {basis}]({png}) (submissions measured on at least {Plots.ProfileMinimumWorkloads} " +
                        $"workloads; [data]({profile.CsvPath}))").AppendLine();
            }

        foreach (var group in comparisons.GroupBy(c => (c.Workload, c.Scale)).OrderBy(g => g.Key.Workload, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Scale, StringComparer.Ordinal))
        {
            var (workload, scale) = group.Key;
            var trialRows = rows.Where(r => r.Workload == workload && r.Scale == scale).ToList();
            var first = trialRows[0];
            var relation = (context.Direction(workload, scale) ?? ComparisonContext.GuessDirection(first.Metric))
                switch { Contracts.MetricDirection.Lower => "<=", _ => ">=" };
            Write(published, md, $"## {workload} · {scale}", ResultTables.Workload(workload, scale, [.. group]),
                $"Target: {first.Metric} {relation} {first.Target:G4}. " +
                $"Rows: `trials.csv` where Workload = {workload}, Scale = {scale} ({trialRows.Count} rows; commits {Commits(trialRows)}).");
            var png = $"plots/curves-{workload}-{scale}.png";
            if (Plots.Curves(Path.Combine(published.Root, png), workload, scale, trialRows, published))
                md.AppendLine($"![{first.Metric} vs time, {workload} {scale}]({png})").AppendLine();
        }

        Write(published, md, "## Papers", ResultTables.Papers(papers, comparisons),
            "Every paper of the registry (`src/Submissions/Papers/papers.csv`) with its status; measured papers show the verdict of their best-measured pair.");
        var summary = ResultTables.Summary(comparisons);
        AtomicFile.WriteAllText(Path.Combine(published.Root, "summary.csv"), summary.Csv());
        AtomicFile.WriteAllText(Path.Combine(published.Root, "README.md"), md.ToString());
        return added;
    }

    static void Preamble(StringBuilder md, IReadOnlyList<TrialRecord> rows, IReadOnlyList<ProfileReferenceEntry> reference)
    {
        md.AppendLine("# Published results").AppendLine();
        md.AppendLine($"Generated by `dotnet cake --target=Publish` from the {rows.Count} trial rows of [`trials.csv`](trials.csv) " +
                      $"(machines {string.Join(", ", rows.Select(r => r.MachineId).Distinct().Order(StringComparer.Ordinal))}; code commits {Commits(rows)}) " +
                      $"and the {reference.Count} frozen reference points of [`reference/profile-reference.csv`](reference/profile-reference.csv); " +
                      "curves and manifests (configuration and environment) are under `curves/` and `trials/`. " +
                      "Every number below is computed from those rows; " +
                      "each table is also a CSV under [`tables/`](tables/), and [`summary.csv`](summary.csv) has every comparison at full " +
                      "precision.").AppendLine();
        md.AppendLine("How to read the tables:").AppendLine();
        md.AppendLine("- **Time-to-target** is training-clock seconds (evaluation excluded); a trial that misses its target counts as infinite. Medians " +
            "with their IQR over seeds.");
        md.AppendLine("- **Speedup** = baseline median / submission median over seeds, with a 95% percentile-bootstrap interval (2000 resamples, fixed " +
            "seed), compared only within one machine; in time, in steps and in FLOPs (the FLOPs of the steps actually run, so a method that " +
            "makes a step cheaper shows it; `n/a` for rows written before FLOPs were recorded).");
        md.AppendLine("- **Verdict** against the paper's claimed factor f: `reproduced` (CI lower bound ≥ f), " +
                      "`faster-below-claim` (CI above 1, lower bound below f), " +
                      "`no-speedup` (CI includes 1), `slower` (CI below 1), `failed` (the median seed missed the target), " +
                      "`not-applicable` (reason given, e.g. no claimed factor). " +
                      "Wall-clock claims are judged on time; FLOP claims on FLOPs; step and data claims, and claims that need hardware we " +
                      "lack (papers.csv `feasible = partial`), on steps.");
        md.AppendLine("- **FSR**: fraction of the claimed speedup recovered, (1 − 1/s_measured)/(1 − 1/s_claimed) (Automated LLM Speedrunning " +
            "Benchmark, arXiv:2506.22419).");
        md.AppendLine("- **Final metric p**: one-sided t-test that the mean final metric meets the target (✓ at the NanoGPT speedrun's p < 0.01). Trials " +
            "stop at the first evaluation that meets it, so reached seeds pass by construction; misses count as they are.");
        md.AppendLine("- **RCP audit**: MLPerf's reference-convergence check on examples-to-target with the baseline as reference; `audit` means the " +
            "submission converges implausibly fast for the baseline's spread and should be checked (not rejected).").AppendLine();
    }

    static void Write(ResultsStore published, StringBuilder md, string heading, PublishedTable table, string note)
    {
        AtomicFile.WriteAllText(Path.Combine(published.Root, table.CsvPath), table.Csv());
        md.AppendLine(heading).AppendLine();
        md.AppendLine(note + $" CSV: [`{table.CsvPath}`]({table.CsvPath}).").AppendLine();
        md.Append(table.Markdown()).AppendLine();
    }

    static string Commits(IEnumerable<TrialRecord> rows) =>
        string.Join(", ", rows.Select(r => r.GitCommit.Replace("+dirty", "", StringComparison.Ordinal)).Where(c => c.Length > 0).Distinct()
            .Order(StringComparer.Ordinal));

    static void CopyIfPresent(string from, string to)
    {
        if (!File.Exists(from)) return;
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        File.Copy(from, to, overwrite: true);
    }
}
