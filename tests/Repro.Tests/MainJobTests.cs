using Bench.Submissions;
using Bench.Submissions.Common;
using Bench.Tests.Shared;
using Bench.Workloads;

namespace Bench.Repro.Tests;

/// <summary>
/// Issue 13, defect 7: the README's main job (`dotnet cake --target=Speedrun`, i.e. `repro speedrun` with the
/// embedded defaults) ran only the baseline on modadd. It now compares the workload-agnostic methods with it.
/// </summary>
public sealed class MainJobTests : TempFolderTests
{
    static readonly string[] Agnostic = ["wsd", "muon", "mars-m", "high-lr-warmup", "high-lr-no-warmup", "nino"];

    [Fact]
    public void The_default_plan_is_the_baseline_and_the_workload_agnostic_methods_on_modadd_at_its_default_seeds()
    {
        var (code, output) = ReproRunner.Run("speedrun", "--dry-run", "--results", Folder);

        var seeds = WorkloadRegistry.Get("modadd").Scale("cpu").DefaultSeeds;
        Assert.Equal(10, seeds);
        Assert.True(code == 0, output);
        Assert.Contains($"dry run: {seeds * (Agnostic.Length + 1)} trials at scale cpu", output);
        Assert.All(Agnostic.Prepend("baseline"), id => Assert.Contains($"│ modadd   │ {id,-17} │ 0 1 2 3 4 5 6 7 8 9 │", output));
    }

    [Fact]
    public void Exactly_the_workload_agnostic_methods_apply_to_the_default_workload()
    {
        var modadd = WorkloadRegistry.Get(Applicability.DefaultWorkload);
        Assert.Equal(Agnostic.Prepend(SubmissionRegistry.BaselineId).Order(),
            SubmissionRegistry.All.Where(s => s.NotApplicableReason(modadd) is null).Select(s => s.Id).Order());
        Assert.Contains("and the default workload modadd", SubmissionRegistry.Get("wsd").NotApplicableReason(WorkloadRegistry.Get("sst2")));
    }
}
