using System.Globalization;
using Bench.Contracts;
using Bench.Workloads;

namespace Bench.Repro.Tests.Repository;

/// <summary>The README's workload table is what a new user reads first: its cpu targets must be the registry's.</summary>
public sealed class ReadmeWorkloadTableTests
{
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
