using System.Globalization;
using Bench.Contracts;
using Bench.Harness.Results;
using Bench.Harness.Statistics;
using Bench.Harness.Training;
using Bench.Repro.Cli;
using Bench.Repro.Display;
using Bench.Repro.Execution;
using Bench.Submissions;
using Spectre.Console;

namespace Bench.Repro.Commands;

/// <summary>
/// The noise floor of each workload: an A/A run (the baseline over N seeds in one run; even seeds against odd ones) and,
/// from its spread, the minimum detectable speedup (MDS) at 5 and 10 seeds and the seeds the suite's goals need.
/// <c>--from DIR</c> computes the same table from the baseline rows already in a results folder, one line per run
/// (rows written before run ids existed are grouped by commit, and say so).
/// </summary>
public sealed class NoiseCommand : ICommand
{
    static readonly OptionSpec From = new("from", "compute from the baseline rows of this results folder instead of running (e.g. results)", ValueName: "DIR");
    static readonly OptionSpec Out = new("out", "also write the table as CSV to this file", ValueName: "FILE");

    public string Name => "noise";

    public string Summary => "the noise floor: an A/A run of the baseline, seed-to-seed spread and the minimum detectable speedup per workload";

    public string Usage => "noise [--workloads IDS] [--seeds N] [--from DIR] [--out FILE] [options]";

    public IReadOnlyList<OptionSpec> Options => [From, Out, SharedOptions.Workloads, SharedOptions.Seeds, .. SharedOptions.ExecutionOptions];

    public int Execute(ParsedArguments arguments, IAnsiConsole console)
    {
        // Every workload unless --workloads or BENCH_WORKLOADS narrows it.
        var options = SharedOptions.Bind(arguments, SharedOptions.EveryWorkload);
        var workloads = Catalog.Workloads(options.Workloads).Select(w => w.Id).ToHashSet();
        IReadOnlyList<NoiseFloor> floors;
        if (arguments.Value("from") is { } from)
        {
            if (string.IsNullOrWhiteSpace(from)) throw new ConfigException("--from needs a results folder, e.g. --from results.");
            var folder = Path.GetFullPath(from);
            if (!File.Exists(Path.Combine(folder, "trials.csv"))) throw new ConfigException($"--from {folder} holds no trials.csv.");
            var rows = new ResultsStore(folder).ReadTrials()
                .Where(r => r.Submission == SubmissionRegistry.BaselineId && r.Scale == options.Scale && workloads.Contains(r.Workload));
            // One arm: the same run, machine and hyperparameters (a tuning run holds many arms of the baseline).
            floors = [.. rows.GroupBy(r => (r.Workload, r.MachineId, r.HparamsHash, Run: NoiseFloors.RunOf(r)))
                .Where(g => g.Count() >= 2)
                .OrderBy(g => g.Key.Workload, StringComparer.Ordinal).ThenBy(g => g.Key.Run, StringComparer.Ordinal)
                .Select(g => NoiseFloor.Of([.. g], g.Key.HparamsHash.Length > 0 ? $"{g.Key.Run} hp {g.Key.HparamsHash}" : g.Key.Run))];
        }
        else
        {
            // One arm, N seeds, one run: the A/A comparison splits it by seed parity.
            var seeds = Enumerable.Range(options.FirstSeed, options.Seeds ?? 10).ToList();
            var plan = Catalog.Workloads(options.Workloads)
                .SelectMany(w => Catalog.Plan([w], [SubmissionRegistry.Get(SubmissionRegistry.BaselineId)], options.Scale, seeds)).ToList();
            if (arguments.Flag("dry-run")) return PlanTable.Write(console, options, plan);
            var rows = Experiment.Execute(options, plan, arguments.Flag("in-process"), console);
            floors = [.. rows.GroupBy(r => (r.Workload, r.RunId)).Select(g => NoiseFloor.Of([.. g], g.Key.RunId))];
        }
        Write(console, floors);
        if (arguments.Value("out") is { } file) WriteCsv(Path.GetFullPath(file), floors);
        return 0;
    }

    static void Write(IAnsiConsole console, IReadOnlyList<NoiseFloor> floors)
    {
        var table = new Table().Title("noise floor of the baseline (MDS: 80% power, alpha 0.05, two arms of n seeds; goals 1.20x time, 1.15x steps)")
            .AddColumns("workload", "scale", "run", "seeds", "median s", "CV time", "CV steps", "MDS time @5 / @10", "MDS steps @5 / @10", "seeds for goals",
                "A/A time (even/odd) [[95% CI]]");
        foreach (var f in floors)
            table.AddRow(new[]
            {
                f.Workload, f.Scale, f.Run, $"{f.Reached}/{f.Seeds}", Num(f.MedianSeconds, "0.0"),
                Num(f.CvSeconds, "0.000"), Num(f.CvSteps, "0.000"), $"{Cells.Factor(f.MdsSeconds(5))} / {Cells.Factor(f.MdsSeconds(10))}",
                $"{Cells.Factor(f.MdsSteps(5))} / {Cells.Factor(f.MdsSteps(10))}", f.SeedsForGoals?.ToString(CultureInfo.InvariantCulture) ?? "> 50",
                $"{Cells.Factor(f.AaTime.Value)} [{Num(f.AaTime.Lower, "0.00")}, {Num(f.AaTime.Upper, "0.00")}]",
            }.Select(Markup.Escape).ToArray());
        console.Write(table);
    }

    static void WriteCsv(string path, IReadOnlyList<NoiseFloor> floors)
    {
        var lines = new List<string>
        {
            "workload,scale,run,seeds,reached,median_seconds,cv_seconds,cv_steps,log_sd_seconds,log_sd_steps,mds_seconds_5,mds_seconds_10,mds_steps_5," +
            "mds_steps_10,seeds_for_goals,aa_time,aa_time_lower,aa_time_upper,aa_steps,aa_steps_lower,aa_steps_upper"
        };
        lines.AddRange(floors.Select(f => string.Join(",", new object[]
        {
            f.Workload, f.Scale, $"\"{f.Run}\"", f.Seeds, f.Reached, f.MedianSeconds, f.CvSeconds, f.CvSteps, f.LogSdSeconds, f.LogSdSteps,
            f.MdsSeconds(5), f.MdsSeconds(10), f.MdsSteps(5), f.MdsSteps(10), f.SeedsForGoals?.ToString(CultureInfo.InvariantCulture) ?? "",
            f.AaTime.Value, f.AaTime.Lower, f.AaTime.Upper, f.AaSteps.Value, f.AaSteps.Lower, f.AaSteps.Upper,
        }.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)))));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        AtomicFile.WriteAllText(path, string.Join("\n", lines) + "\n");
    }

    static string Num(double value, string format) => double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture) : "-";
}
