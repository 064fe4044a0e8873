using System.Reflection;
using Bench.Harness;
using Bench.Micro.Reports;
using Bench.Submissions.Papers;
using BenchmarkDotNet.Attributes;

namespace Bench.Micro.Tests;

/// <summary>results/micro/papers.csv is what `repro show` reads; it must say what the benchmark classes say.</summary>
public class PapersMappingTests
{
    static readonly Type[] BenchmarkClasses = typeof(PapersAttribute).Assembly.GetTypes()
        .Where(t => t.GetMethods().Any(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null))
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .ToArray();

    [Fact]
    public void CommittedMappingMatchesTheBenchmarkClasses()
    {
        var path = Path.Combine(RepositoryRoot.Find()!, "results", "micro", MicroReports.PapersFile);
        var committed = MicroReports.ReadMapping(File.ReadAllLines(path))
            .Select(e => $"{e.Benchmark},{e.Baseline},{string.Join(';', e.Papers)}")
            .Order(StringComparer.Ordinal);
        var expected = BenchmarkClasses.Select(t =>
        {
            var baseline = t.GetMethods().Single(m => m.GetCustomAttribute<BenchmarkAttribute>() is { Baseline: true });
            var papers = t.GetCustomAttribute<PapersAttribute>()?.Ids ?? [];
            return $"{t.FullName},{baseline.Name},{string.Join(';', papers)}";
        }).Order(StringComparer.Ordinal);
        Assert.Equal(expected, committed);
    }

    [Fact]
    public void EveryTaggedPaperIsInTheRegistry()
    {
        foreach (var id in BenchmarkClasses.SelectMany(t => t.GetCustomAttribute<PapersAttribute>()?.Ids ?? []))
            Assert.Equal(id, PaperRegistry.Get(id).Id);
    }
}
