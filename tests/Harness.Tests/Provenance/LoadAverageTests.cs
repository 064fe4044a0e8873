using Bench.Harness.Provenance;

namespace Bench.Harness.Tests.Provenance;

public class LoadAverageTests
{
    [Fact]
    public void The_three_averages_are_read_from_a_proc_loadavg_line() =>
        Assert.Equal(new LoadAverage(0.82, 0.93, 0.44), LoadAverage.Parse("0.82 0.93 0.44 1/85 7556\n"));

    [Fact]
    public void Anything_else_reads_as_unknown() => Assert.Null(LoadAverage.Parse("garbage"));
}
