using Bench.Contracts;
using Bench.Repro.Cli;
using Bench.Repro.Display;
using Bench.Repro.Execution;
using Bench.Submissions;
using Spectre.Console;

namespace Bench.Repro.Commands;

/// <summary>One paper's submissions against the baseline, on every workload it applies to (or those selected).</summary>
public sealed class RunCommand : ICommand
{
    public string Name => "run";

    public string Summary => "run one paper's submissions (or one submission) against the baseline and compare";

    public string Usage => "run <paper-or-submission> [options]";

    public IReadOnlyList<OptionSpec> Options => [.. SharedOptions.Running.Where(o => o != SharedOptions.Submissions)];

    public IReadOnlyList<ArgumentSpec> Arguments => [new("paper-or-submission", "a paper id (runs all its submissions) or one submission id")];

    public int Execute(ParsedArguments arguments, IAnsiConsole console)
    {
        if (arguments.Positionals.Count != 1)
            throw new ConfigException("run needs exactly one paper or submission id, e.g. 'repro run baseline'. Valid: " +
                $"{string.Join(", ", SubmissionRegistry.All.Select(s => s.Id))}.");
        var id = arguments.Positionals[0];
        // A paper id runs every submission of that paper (mars-m: muon and mars-m); otherwise a single submission.
        var ofPaper = SubmissionRegistry.All.Where(s => s.PaperId == id && s.Id != SubmissionRegistry.BaselineId).ToList();
        IReadOnlyList<ISubmission> submissions = ofPaper.Count > 0 ? ofPaper : [SubmissionRegistry.Get(id)];
        // A paper runs on every workload it applies to unless --workloads (or BENCH_WORKLOADS) narrows it.
        var options = SharedOptions.Bind(arguments, SharedOptions.EveryWorkload);
        var workloads = Catalog.Workloads(options.Workloads).Where(w => submissions.Any(s => s.NotApplicableReason(w) is null)).ToList();
        if (workloads.Count == 0)
            throw new ConfigException($"'{id}' applies to none of the selected workloads ({options.Workloads}).");
        var plan = Catalog.Plan(workloads, submissions, options.Scale, options.SeedsFor, SharedOptions.Overrides(arguments));
        plan = Catalog.OnDataset(plan, options, line => console.WriteLine(line));
        if (arguments.Flag("dry-run")) return PlanTable.Write(console, options, plan);
        Experiment.Run(options, plan, arguments.Flag("in-process"), console);
        return 0;
    }
}
