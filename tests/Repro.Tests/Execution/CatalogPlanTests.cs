using Bench.Repro.Execution;
using Bench.Workloads;

namespace Bench.Repro.Tests.Execution;

public sealed class CatalogPlanTests
{
    [Fact]
    public void Trials_run_in_rounds_of_one_seed_with_the_order_reversed_every_other_round()
    {
        var plan = Catalog.Plan([WorkloadRegistry.Get("tinyshakespeare"), WorkloadRegistry.Get("modadd")],
            Catalog.Submissions("muon,wsd"), "smoke", [0, 1, 2]);

        var order = plan.Select(s => $"{s.Workload}:{s.Submission}:{s.Seed}").ToList();
        Assert.Equal(
        [
            "modadd:baseline:0", "modadd:muon:0", "modadd:wsd:0",
            "modadd:wsd:1", "modadd:muon:1", "modadd:baseline:1",
            "modadd:baseline:2", "modadd:muon:2", "modadd:wsd:2",
            "tinyshakespeare:baseline:0", "tinyshakespeare:muon:0", "tinyshakespeare:wsd:0",
            "tinyshakespeare:wsd:1", "tinyshakespeare:muon:1", "tinyshakespeare:baseline:1",
            "tinyshakespeare:baseline:2", "tinyshakespeare:muon:2", "tinyshakespeare:wsd:2",
        ], order);
    }
}
