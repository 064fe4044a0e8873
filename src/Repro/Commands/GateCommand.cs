using Bench.Harness;
using Bench.Harness.Configuration;
using Bench.Harness.Gate;
using Bench.Repro.Cli;
using Bench.Repro.Execution;
using Spectre.Console;

namespace Bench.Repro.Commands;

/// <summary>
/// CI's regression gate, deterministic part: every registered (workload, submission) at smoke scale,
/// seed 0, freshly run and compared exactly with the committed reference.
/// </summary>
public sealed class GateCommand : ICommand
{
    static readonly OptionSpec Update = new("update", "rewrite the reference from this run (a deliberate change)", IsFlag: true);
    static readonly OptionSpec Reference = new("reference", "reference file (default results/reference/gate-smoke.csv)", ValueName: "FILE");

    public string Name => "gate";

    public string Summary => "rerun every pair at smoke scale and compare steps-to-target and final metric with the committed reference";

    public string Usage => "gate [--update] [options]";

    public IReadOnlyList<OptionSpec> Options =>
        [Update, Reference, SharedOptions.Workloads, SharedOptions.Submissions, SharedOptions.Device, SharedOptions.Threads, SharedOptions.Data, SharedOptions.InProcess];

    public int Execute(ParsedArguments arguments, IAnsiConsole console)
    {
        var root = RepositoryRoot.Find() ?? Directory.GetCurrentDirectory();
        var referencePath = Path.GetFullPath(arguments.Value("reference") ?? Path.Combine("results", "reference", "gate-smoke.csv"), root);
        // A fresh folder every time: the gate must measure, never resume.
        var scratch = Path.Combine(root, "artifacts", "gate", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture));
        var options = SharedOptions.Bind(arguments) with { Scale = "smoke", Seeds = 1, FirstSeed = 0, Results = scratch };
        // The gate covers every registered workload unless told otherwise (the speedrun default is modadd only).
        if (arguments.Value("workloads") is null) options = options with { Workloads = "all" };
        var plan = Catalog.Plan(Catalog.Workloads(options.Workloads), Catalog.Submissions(options.Submissions), "smoke", options.SeedList);
        var measured = Experiment.Run(options, plan, arguments.Flag("in-process"), console).Select(GateEntry.From).ToList();

        if (arguments.Flag("update"))
        {
            GateReference.Write(referencePath, measured);
            console.MarkupLine($"[green]reference updated[/]: {Markup.Escape(referencePath)} ({measured.Count} trials)");
            return 0;
        }
        if (!File.Exists(referencePath))
            throw new ConfigException($"no gate reference at {referencePath}. Create it deliberately with 'repro gate --update'.");

        var planned = measured.Select(m => m.Key).ToHashSet();
        var everything = options.Workloads == "all" && options.Submissions == "all";
        var reference = GateReference.Read(referencePath).Where(r => everything || planned.Contains(r.Key)).ToList();
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
}
