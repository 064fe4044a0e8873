using System.Globalization;
using Bench.Contracts;
using Bench.Workloads;

namespace Bench.Repro.Tests.Repository;

/// <summary>The README's workload and submission tables are what a new user reads first: they must match the registries.</summary>
public sealed class ReadmeTablesTests
{
    [Fact]
    public void Every_registered_submission_has_a_row_in_the_readmes_submission_table()
    {
        var rows = File.ReadAllLines(Path.Combine(Bench.Harness.RepositoryRoot.Find()!, "README.md")).Where(l => l.StartsWith("| `", StringComparison.Ordinal))
            .Select(l => l.Split('|', StringSplitOptions.TrimEntries)).Where(cells => cells.Length > 3).ToList();
        var missing = Submissions.SubmissionRegistry.All
            .Where(s => !rows.Any(cells => cells[1] == $"`{s.PaperId}`" && cells[2].Contains($"`{s.Id}`", StringComparison.Ordinal)))
            .Select(s => $"{s.Id} (paper {s.PaperId})").ToList();
        Assert.True(missing.Count == 0, "not in the README's submission table: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_workload_row_of_the_readme_states_the_registrys_cpu_target()
    {
        var readme = File.ReadAllLines(Path.Combine(Bench.Harness.RepositoryRoot.Find()!, "README.md"));
        var problems = new List<string>();
        foreach (var workload in WorkloadRegistry.All.Where(w => w.ScaleNames.Contains("cpu")))
        {
            var row = readme.FirstOrDefault(l => l.StartsWith($"| `{workload.Id}` |", StringComparison.Ordinal));
            var target = workload.Scale("cpu").Target;
            var stated = $"{(target.Direction == MetricDirection.Higher ? ">=" : "<=")} {target.Value.ToString(CultureInfo.InvariantCulture)}";
            if (row is null) problems.Add($"{workload.Id}: no row in the README's workload table");
            else if (!row.Contains(stated, StringComparison.Ordinal)) problems.Add($"{workload.Id}: the README says '{row}', the registry '{stated}'");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
