using System.Globalization;
using Bench.Contracts;
using Bench.Harness;
using Bench.Harness.Gate;
using Bench.Harness.Orchestration;
using Bench.Harness.Provenance;
using Bench.Harness.Results;
using Bench.Harness.Statistics;
using Bench.Harness.Torch;
using Bench.Repro.Cli;
using Bench.Repro.Display;
using Bench.Repro.Execution;
using Bench.Submissions;
using Spectre.Console;

namespace Bench.Repro.Commands;

/// <summary>
/// CI's regression gate. Deterministic part (default): every registered (workload, submission) at smoke
/// scale, seed 0, freshly run and compared exactly with the committed reference. Timing part
/// (<c>--timing</c>): a base build and this build run interleaved and compared with a Mann-Whitney
/// equivalence test (<see cref="TimingGate"/>); it fails only on a clear regression.
/// </summary>
public sealed class GateCommand : ICommand
{
    static readonly OptionSpec Update = new("update", "rewrite the reference from this run (a deliberate change)", IsFlag: true);
    static readonly OptionSpec Reference = new("reference", "reference file (default results/reference/gate-smoke.<machine class>.csv: " +
        "avx512, avx2 or generic)", ValueName: "FILE");
    static readonly OptionSpec Timing = new("timing", "timing part: interleave a base build and this build, fail only on a clear regression", IsFlag: true);
    static readonly OptionSpec Base = new("base", "timing: the base build's repro.dll (default this build: an A/A check)", ValueName: "DLL");
    static readonly OptionSpec Repetitions = new("repetitions", "timing: runs per build and pair (default 5; the test needs 5)", ValueName: "N");
    static readonly OptionSpec Threshold = new("threshold", "timing: relative threshold of the base median (default 5%)", ValueName: "PERCENT");
    static readonly OptionSpec Noise = new("noise", "timing: absolute noise floor in seconds (default 0.5)", ValueName: "SECONDS");

    public string Name => "gate";

    public string Summary => "rerun every pair at smoke scale and compare steps-to-target and final metric with the committed reference; --timing compares " +
        "speed with a base build";

    public string Usage => "gate [--update] [--timing [--base DLL]] [options]";

    public IReadOnlyList<OptionSpec> Options =>
        [Update, Reference, Timing, Base, Repetitions, Threshold, Noise,
         SharedOptions.Workloads, SharedOptions.Submissions, SharedOptions.Device, SharedOptions.Threads, SharedOptions.Data, SharedOptions.InProcess,
             SharedOptions.DryRun, .. SharedOptions.Executors];

    public int Execute(ParsedArguments arguments, IAnsiConsole console)
    {
        var root = RepositoryRoot.Find() ?? Directory.GetCurrentDirectory();
        if (arguments.Flag("timing")) return ExecuteTiming(arguments, console, root);
        var referencePath = Path.GetFullPath(arguments.Value("reference") ?? GateMachineClass.ReferencePath(root, GateMachineClass.Current()), root);
        // A fresh folder every time: the gate must measure, never resume.
        var scratch = Path.Combine(root, "artifacts", "gate", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
        // The gate covers every registered workload unless --workloads or BENCH_WORKLOADS narrows it (the speedrun default
        // is modadd only).
        var options = Catalog.OwnDataOnly(SharedOptions.Bind(arguments, SharedOptions.EveryWorkload), "gate")
            with { Scale = "smoke", Seeds = 1, FirstSeed = 0, Results = scratch };
        var plan = Catalog.Plan(Catalog.Workloads(options.Workloads), Catalog.Submissions(options.Submissions), "smoke", options.SeedsFor);
        if (arguments.Flag("dry-run")) return PlanTable.Write(console, options, plan);
        var update = arguments.Flag("update");
        if (!update && !File.Exists(referencePath))
            throw new ConfigException($"no gate reference at {referencePath} (this machine's class is {GateMachineClass.Current()}). Create it deliberately " +
                "on such a machine with 'repro gate --update' and commit it.");
        // The reference is read and checked before minutes of trials, not after them.
        IReadOnlyList<GateEntry> committed = update ? [] : GateReference.Read(referencePath);
        var measured = Experiment.Run(options, plan, arguments.Flag("in-process"), console).Select(GateEntry.From).ToList();

        var planned = measured.Select(m => m.Key).ToHashSet();
        var everything = options.Workloads == "all" && options.Submissions == "all";
        if (update)
        {
            // A run narrowed by --workloads/--submissions rewrites only its own pairs and keeps the rest of the reference.
            var kept = everything || !File.Exists(referencePath) ? [] : GateReference.Read(referencePath).Where(r => !planned.Contains(r.Key)).ToList();
            GateReference.Write(referencePath, [.. kept, .. measured]);
            console.MarkupLine($"[green]reference updated[/]: {Markup.Escape(referencePath)} ({measured.Count} trials measured, {kept.Count} kept)");
            return 0;
        }
        var reference = committed.Where(r => everything || planned.Contains(r.Key)).ToList();
        var differences = GateReference.Compare(reference, measured);
        if (differences.Count == 0)
        {
            console.MarkupLine($"[green]gate passed[/]: {measured.Count} trials match {Markup.Escape(referencePath)}");
            return 0;
        }
        var table = new Table().Title("[red]gate failed: differences from the reference[/]").AddColumns("trial", "field", "reference", "measured");
        foreach (var d in differences) table.AddRow(Markup.Escape(d.Key), d.Field, Markup.Escape(d.Reference), Markup.Escape(d.Measured));
        console.Write(table);
        console.MarkupLine("If the change is intended, rewrite the reference with 'repro gate --update' and commit it.");
        return 1;
    }

    int ExecuteTiming(ParsedArguments arguments, IAnsiConsole console, string root)
    {
        var scratch = Path.Combine(root, "artifacts", "gate-timing", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
        // Timing costs minutes per pair: the default is the harness's own path, the baseline on modadd (BENCH_WORKLOADS,
        // BENCH_SUBMISSIONS and the options still choose others).
        var timingDefaults = new Dictionary<string, string> { ["workloads"] = "modadd", ["submissions"] = SubmissionRegistry.BaselineId };
        var options = Catalog.OwnDataOnly(SharedOptions.Bind(arguments, timingDefaults), "gate")
            with { Scale = "smoke", Seeds = 1, FirstSeed = 0, Results = scratch };
        var repetitions = PositiveInt(arguments.Value("repetitions") ?? "5", "repetitions");
        var threshold = Fraction(arguments.Value("threshold") ?? "5%");
        var noise = NonNegative(arguments.Value("noise") ?? "0.5", "noise");
        var baseDll = arguments.Value("base") switch
        {
            null => null,
            var b when string.IsNullOrWhiteSpace(b) => throw new ConfigException("--base needs the path of the base build's repro.dll (dotnet cake " +
                "--target=GateTiming builds one)."),
            var b => Path.GetFullPath(b),
        };
        if (baseDll is not null && !File.Exists(baseDll)) throw new ConfigException($"--base {baseDll} does not exist. Build the base first (dotnet cake " +
            "--target=GateTiming does).");

        var specs = Catalog.Plan(Catalog.Workloads(options.Workloads), Catalog.Submissions(options.Submissions), "smoke", [0])
            .Where(s => options.Submissions == "all" || options.Submissions.Split(',').Contains(s.Submission)).ToList();
        if (arguments.Flag("dry-run")) return PlanTable.Write(console, options, specs);

        TorchSetup.Initialize(options.Device, options.Threads ?? 0);
        var environment = EnvironmentFingerprint.Capture(options.Device, root);
        var (host, _) = SelfLauncher.Command();
        (string, IReadOnlyList<string>)? baseCommand = baseDll is null ? null : (host, [baseDll]);
        console.MarkupLine($"timing gate: {specs.Count} pair(s) x {repetitions} runs per build; base = {Markup.Escape(baseDll ?? "this build (A/A check)")}");

        var results = TimingGate.Run(specs, repetitions, (arm, spec, rep) =>
        {
            var store = new ResultsStore(Path.Combine(scratch, arm, $"rep-{rep}"));
            var executor = Experiment.ChildExecutor(new TrialPlan(options with { Results = store.Root }, [spec]), store, environment,
                arm == TimingGate.Base ? baseCommand : null);
            var record = executor.Execute(spec, _ => { });
            console.MarkupLine($"{Markup.Escape(spec.ToString())} [{arm} {rep + 1}/{repetitions}]: {record.Status.ToString().ToLowerInvariant()} in " +
                $"{record.TimeToTargetSeconds:0.000} s");
            return record;
        }, threshold, noise);

        TimingTable.Write(console, results, threshold, noise);
        if (results.Any(r => r.Decision.Conclusion == TimingConclusion.Slower))
        {
            console.MarkupLine("[red]timing gate failed[/]: a clear regression (slower beyond both the threshold and the noise floor).");
            return 1;
        }
        console.MarkupLine("[green]timing gate passed[/]: no clear regression.");
        return 0;
    }

    static int PositiveInt(string text, string name) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n is > 0 and <= 1000 ? n
            : throw new ConfigException($"--{name} must be a whole number from 1 to 1000, not '{ConfigException.Echo(text)}'.");

    static double NonNegative(string text, string name) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= 0 && double.IsFinite(v) ? v
            : throw new ConfigException($"--{name} must be a finite number of seconds >= 0, not '{ConfigException.Echo(text)}'.");

    /// <summary>"5%" or "0.05".</summary>
    static double Fraction(string text)
    {
        var percent = text.EndsWith('%');
        return double.TryParse(percent ? text[..^1] : text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= 0 && double.IsFinite(v)
            ? (percent ? v / 100 : v)
            : throw new ConfigException($"--threshold must be a fraction like 5% or 0.05, not '{ConfigException.Echo(text)}'.");
    }
}
