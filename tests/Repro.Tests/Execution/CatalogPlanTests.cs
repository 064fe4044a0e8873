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

    [Fact]
    public void Without_seeds_each_workload_runs_the_seed_count_of_its_scale_and_a_given_count_applies_to_all()
    {
        var workloads = new[] { WorkloadRegistry.Get("tinyshakespeare"), WorkloadRegistry.Get("kg-transe") };
        var unset = Harness.Configuration.OptionsLoader.Load(new Dictionary<string, string?>(), "/base", new Dictionary<string, string?>());
        var given = Harness.Configuration.OptionsLoader.Load(new Dictionary<string, string?> { ["seeds"] = "2" }, "/base", new Dictionary<string, string?>());

        int SeedsOf(IReadOnlyList<Harness.Training.TrialSpec> plan, string workload) =>
            plan.Where(s => s.Workload == workload && s.Submission == "baseline").Select(s => s.Seed).Distinct().Count();
        var byDefault = Catalog.Plan(workloads, Catalog.Submissions("baseline"), "cpu", unset.SeedsFor);
        var byOption = Catalog.Plan(workloads, Catalog.Submissions("baseline"), "cpu", given.SeedsFor);

        Assert.Equal((workloads[0].Scale("cpu").DefaultSeeds, workloads[1].Scale("cpu").DefaultSeeds),
            (SeedsOf(byDefault, "tinyshakespeare"), SeedsOf(byDefault, "kg-transe")));
        Assert.NotEqual(SeedsOf(byDefault, "tinyshakespeare"), SeedsOf(byDefault, "kg-transe"));
        Assert.Equal((2, 2), (SeedsOf(byOption, "tinyshakespeare"), SeedsOf(byOption, "kg-transe")));
    }
}
