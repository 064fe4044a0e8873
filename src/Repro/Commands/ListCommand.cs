using System.Globalization;
using System.Text.Json;
using Bench.Contracts;
using Bench.Harness.Results;
using Bench.Harness.Statistics;
using Bench.Harness.Configuration;
using Bench.Repro.Cli;
using Bench.Repro.Display;
using Bench.Repro.Execution;
using Bench.Submissions;
using Bench.Submissions.Papers;
using Bench.Workloads;
using Spectre.Console;

namespace Bench.Repro.Commands;

/// <summary>Lists papers (default) with status and measured speedup, or workloads, or submissions.</summary>
public sealed class ListCommand : ICommand
{
    static readonly OptionSpec Status = new("status", "only papers with this status: implemented | planned | out-of-scope", ValueName: "STATUS");
    static readonly OptionSpec Category = new("category", "only papers of this category (e.g. optimizer, sparsity)", ValueName: "CATEGORY");
    static readonly OptionSpec Workload = new("workloads", "only papers whose best-fitting workload is this, as papers.csv names it (e.g. " +
        "cifar10-cnn; alias --workload)", ValueName: "WORKLOAD");

    public string Name => "list";

    public string Summary => "list papers with status, claim, measured speedup and verdict; or 'list workloads' / 'list submissions'";

    public string Usage => "list [papers|workloads|submissions] [--status S] [--category C] [--workload W] [--format table|csv|json]";

    public IReadOnlyList<OptionSpec> Options => [Status, Category, Workload, SharedOptions.Format, SharedOptions.Results, SharedOptions.Published];

    public IReadOnlyList<ArgumentSpec> Arguments => [new("list", "papers (default), workloads or submissions")];

    public int Execute(ParsedArguments arguments, IAnsiConsole console)
    {
        var format = arguments.Value("format") ?? "table";
        if (format is not ("table" or "csv" or "json")) throw new ConfigException($"unknown format '{format}'. Valid formats: table, csv, json.");
        var view = arguments.Positionals.FirstOrDefault() ?? "papers";
        var (headers, rows) = view switch
        {
            "papers" => Papers(arguments),
            "workloads" => Workloads(SharedOptions.Bind(arguments)),
            "submissions" => Submissions(),
            _ => throw new ConfigException($"unknown list '{view}'. Valid lists: papers, workloads, submissions."),
        };
        TableOutput.Write(console, format, view, headers, rows);
        return 0;
    }

    static (string[], IReadOnlyList<string[]>) Papers(ParsedArguments arguments)
    {
        var papers = PaperRegistry.All.AsEnumerable();
        if (arguments.Value("status") is { } status)
        {
            var wanted = PaperStatuses.ByText.TryGetValue(status, out var s) ? s
                : throw new ConfigException($"unknown status '{status}'. Valid statuses: {string.Join(", ", PaperStatuses.ByText.Keys)}.");
            papers = papers.Where(p => p.Status == wanted);
        }
        if (arguments.Value("category") is { } category)
        {
            if (!PaperRegistry.Categories.Contains(category))
                throw new ConfigException($"unknown category '{category}'. Valid categories: {string.Join(", ", PaperRegistry.Categories.Order())}.");
            papers = papers.Where(p => p.Category == category);
        }
        if (arguments.Value("workloads") is { } workload)
        {
            if (!PaperRegistry.All.Any(p => p.Workload == workload))
                throw new ConfigException($"no paper names workload '{workload}'. Valid: " +
                    $"{string.Join(", ", PaperRegistry.All.Select(p => p.Workload).Distinct().Order())}.");
            papers = papers.Where(p => p.Workload == workload);
        }

        var measured = MeasuredResults.Load(SharedOptions.Bind(arguments));
        var rows = papers.Select(p =>
        {
            var best = measured.ForPaper(p.Id).FirstOrDefault();
            return new[]
            {
                p.Id, p.Category, p.ClaimFactor is double f ? $"{f:G4}x" : "-", p.ClaimKind, p.StatusText, p.Workload,
                best is null ? "-" : $"{best.TimeSpeedup} on {best.Workload}/{best.Scale} ({best.Seeds} seeds)",
                best is null ? "-" : best.Verdict.Text,
            };
        }).ToList();
        return (["id", "category", "claim", "claim kind", "status", "workload", "measured speedup (time) [95% CI]", "verdict"], rows);
    }

    /// <summary>Each workload scale with its default seeds and the noise floor of its published baseline (<see cref="NoiseFloors"/>).</summary>
    static (string[], IReadOnlyList<string[]>) Workloads(BenchOptions options)
    {
        var floors = NoiseFloors.Of(new ResultsStore(options.Published).ReadTrials(), SubmissionRegistry.BaselineId).ToDictionary(f => (f.Workload, f.Scale));
        return (["id", "scale", "model", "target", "max seconds", "max steps", "evaluate every (examples)", "default seeds",
                 "MDS time / steps at the default (published A/A)"],
         [.. WorkloadRegistry.All.SelectMany(w => w.ScaleNames.Select(w.Scale).Select(s => new[]
         {
             w.Id, s.Name, s.ModelSummary, s.Target.ToString(), s.Budget.MaxSeconds.ToString("0"), s.Budget.MaxSteps.ToString(), s.CadenceText,
             s.DefaultSeeds.ToString(CultureInfo.InvariantCulture),
             floors.TryGetValue((w.Id, s.Name), out var f)
                 ? $"{Cells.Factor(f.MdsSeconds(s.DefaultSeeds))} / {Cells.Factor(f.MdsSteps(s.DefaultSeeds))} ({f.Seeds} seeds, {f.Run})"
                 : "not measured",
         }))]);
    }

    static (string[], IReadOnlyList<string[]>) Submissions() =>
        (["id", "paper", "description", "applies to"],
         [.. SubmissionRegistry.All.Select(s => new[]
         {
             s.Id, s.PaperId, s.Description, string.Join(" ", WorkloadRegistry.All.Where(w => s.NotApplicableReason(w) is null).Select(w => w.Id)),
         })]);
}
