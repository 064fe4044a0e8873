using Bench.Contracts;
using Bench.Repro.Cli;
using Bench.Repro.Execution;
using Bench.Submissions;
using Bench.Submissions.Papers;
using Spectre.Console;

namespace Bench.Repro.Commands;

/// <summary>One paper's card: claim, status, what the submission implements and how it differs, results, and how to reproduce.</summary>
public sealed class ShowCommand : ICommand
{
    public string Name => "show";

    public string Summary => "show one paper's card: claim, status, method card, measured results with CIs, command to reproduce";

    public string Usage => "show <paper-id>";

    public IReadOnlyList<OptionSpec> Options => [SharedOptions.Results, SharedOptions.Published];

    public IReadOnlyList<ArgumentSpec> Arguments => [new("paper-id", "the paper's id, as 'repro list' shows it")];

    public int Execute(ParsedArguments arguments, IAnsiConsole console)
    {
        if (arguments.Positionals.Count != 1) throw new ConfigException("show needs exactly one paper id, e.g. 'repro show lars'. Run " +
            "'repro list' for all ids.");
        var paper = PaperRegistry.Get(arguments.Positionals[0]);
        // Options are checked before anything is printed: a bad one is the only line of output.
        var options = SharedOptions.Bind(arguments);
        var submissions = SubmissionRegistry.All.Where(s => s.PaperId == paper.Id).ToList();

        console.Write(new Rule(Markup.Escape($"{paper.Id}: {paper.Title}")).LeftJustified());
        var facts = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        void Fact(string name, string value) { if (value.Length > 0) facts.AddRow($"[bold]{Markup.Escape(name)}[/]", Markup.Escape(value)); }
        Fact("arXiv", paper.Arxiv.Length > 0 ? $"https://arxiv.org/abs/{paper.Arxiv}" : "not confirmed");
        Fact("category", paper.Category);
        Fact("claim", paper.Claim);
        Fact("claimed factor", paper.ClaimFactor is double f ? $"{f:G4}x ({paper.ClaimKind})" : $"none given ({paper.ClaimKind})");
        Fact("status", paper.StatusText + (paper.StatusReason.Length > 0 ? $": {paper.StatusReason}" : ""));
        Fact("closest runnable proxy", paper.Proxy);
        Fact("feasible here", paper.Feasible);
        Fact("best-fitting workload", paper.Workload);
        Fact("how it scales down", paper.ScaleDown);
        Fact("notes", paper.Notes);
        console.Write(facts);

        // Submissions of one paper share a folder and so a card (muon and mars-m): print each card once.
        foreach (var group in submissions.GroupBy(s => MethodCards.For(s) ?? "(this submission has no README card: a defect)"))
        {
            console.Write(new Rule($"method card: {Markup.Escape(string.Join(", ", group.Select(s => s.Id)))}").LeftJustified());
            console.WriteLine(group.Key);
        }

        WriteHyperparameters(console, submissions);

        var results = MeasuredResults.Load(options);
        var measured = results.ForPaper(paper.Id);
        console.Write(new Rule("results").LeftJustified());
        if (measured.Count == 0) console.WriteLine("no trials measured yet");
        else Display.ComparisonTable.Write(console, measured);
        Display.ComparisonTable.WriteAgainstControls(console, results.AgainstControlForPaper(paper.Id));

        var micro = Bench.Micro.Reports.MicroReports.Load(Path.Combine(options.Published, "micro")).ForPaper(paper.Id);
        if (micro.Count > 0)
        {
            console.Write(new Rule("micro-benchmarks (dotnet cake --target=Micro)").LeftJustified());
            Display.MicroTable.Write(console, micro, paper.ClaimFactor);
        }

        console.Write(new Rule("reproduce").LeftJustified());
        console.WriteLine(submissions.Count > 0
            ? $"dotnet tool run repro -- run {paper.Id} --scale cpu --seeds 5"
            : paper.Status == PaperStatus.OutOfScope
                ? "not runnable here (out of scope)" + (paper.Proxy.Length > 0 ? $"; closest proxy: repro show {paper.Proxy}" : "")
                : "not implemented yet (planned)");
        return 0;
    }

    /// <summary>Each submission's declared hyperparameters at cpu scale, per workload it applies to: what --hparam may set.</summary>
    static void WriteHyperparameters(IAnsiConsole console, IReadOnlyList<Bench.Contracts.ISubmission> submissions)
    {
        if (submissions.Count == 0) return;
        console.Write(new Rule("hyperparameters (cpu defaults; override with --hparam NAME=VALUE, search with repro tune)").LeftJustified());
        var table = new Table().AddColumn("submission").AddColumn("workload").AddColumn("hyperparameters (hash)");
        foreach (var submission in submissions)
            foreach (var workload in Bench.Workloads.WorkloadRegistry.All.Where(w => submission.NotApplicableReason(w) is null && w.ScaleNames.Contains("cpu")))
            {
                var values = Bench.Contracts.Hyperparameters.Of(submission.DefaultHyperparameters(workload, "cpu"));
                table.AddRow(Markup.Escape(submission.Id), Markup.Escape(workload.Id), Markup.Escape($"{values.Json} ({values.Hash})"));
            }
        console.Write(table);
    }
}
