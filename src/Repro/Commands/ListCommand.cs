using System.Text.Json;
using Bench.Harness.Configuration;
using Bench.Repro.Cli;
using Bench.Submissions;
using Bench.Workloads;
using Spectre.Console;

namespace Bench.Repro.Commands;

/// <summary>Lists workloads (with their targets per scale) and submissions.</summary>
public sealed class ListCommand : ICommand
{
    public string Name => "list";

    public string Summary => "list workloads, their targets and budgets, and submissions";

    public string Usage => "list [--format table|csv|json]";

    public IReadOnlyList<OptionSpec> Options => [SharedOptions.Format];

    public int Execute(ParsedArguments arguments, IAnsiConsole console)
    {
        var scales = WorkloadRegistry.All.SelectMany(w => w.ScaleNames.Select(s => (Workload: w, Scale: w.Scale(s)))).ToList();
        switch (arguments.Value("format") ?? "table")
        {
            case "table":
                var workloads = new Table().Title("workloads").AddColumns("id", "scale", "model", "target", "budget", "evaluate every");
                foreach (var (w, s) in scales)
                    workloads.AddRow(w.Id, s.Name, Markup.Escape(s.ModelSummary), Markup.Escape(s.Target.ToString()),
                        $"{s.Budget.MaxSeconds:0} s / {s.Budget.MaxSteps} steps", $"{s.EvaluateEveryExamples} examples");
                console.Write(workloads);
                var submissions = new Table().Title("submissions").AddColumns("id", "paper", "description", "applies to");
                foreach (var s in SubmissionRegistry.All)
                    submissions.AddRow(s.Id, s.PaperId, Markup.Escape(s.Description),
                        string.Join(", ", WorkloadRegistry.All.Where(w => s.NotApplicableReason(w) is null).Select(w => w.Id)));
                console.Write(submissions);
                return 0;
            case "csv":
                var output = console.Profile.Out.Writer;
                output.WriteLine("kind,id,scale,target,max_seconds,max_steps,paper");
                foreach (var (w, s) in scales)
                    output.WriteLine($"workload,{w.Id},{s.Name},\"{s.Target}\",{s.Budget.MaxSeconds},{s.Budget.MaxSteps},");
                foreach (var s in SubmissionRegistry.All) output.WriteLine($"submission,{s.Id},,,,,{s.PaperId}");
                return 0;
            case "json":
                console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(new
                {
                    workloads = scales.Select(x => new { id = x.Workload.Id, scale = x.Scale.Name, target = x.Scale.Target.ToString(), x.Scale.Budget.MaxSeconds, x.Scale.Budget.MaxSteps }),
                    submissions = SubmissionRegistry.All.Select(s => new { id = s.Id, paper = s.PaperId, description = s.Description }),
                }, new JsonSerializerOptions { WriteIndented = true }));
                return 0;
            case var other:
                throw new ConfigException($"unknown format '{other}'. Valid formats: table, csv, json.");
        }
    }
}
