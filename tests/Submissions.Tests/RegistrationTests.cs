using Bench.Contracts;
using Bench.Submissions.Common;
using Bench.Harness;
using Bench.Harness.Gate;
using Bench.Submissions.Papers;
using Bench.Workloads;

namespace Bench.Submissions.Tests;

/// <summary>
/// What registering a submission or workload must keep in step elsewhere (the gate reference, the paper list, the
/// method card), checked here so a missing piece fails the build naming it instead of surfacing in a later run.
/// </summary>
public class RegistrationTests
{
    /// <summary>
    /// <c>papers.csv</c> names the workload each paper was triaged for, before the suite's workloads existed; where that
    /// name is not a registry id, the workload that stands for it, and why.
    /// </summary>
    static readonly IReadOnlyDictionary<string, (string Workload, string Reason)> PaperWorkloadAliases = new Dictionary<string, (string, string)>
    {
        ["cifar10-cnn"] = ("cifar10", "the triage name of the CIFAR-10 CNN workload"),
        ["tinyshakespeare-char-gpt"] = ("tinyshakespeare", "the triage name of the character-level GPT workload"),
        ["mnist-mlp"] = ("fashion-mnist", "the suite's MLP image workload is Fashion-MNIST, a harder drop-in for MNIST"),
        ["textclass"] = ("sst2", "the suite's text classification workload is SST-2"),
        ["diffusion-toy"] = ("cifar10", "no diffusion workload: lcsc runs on cifar10 and tinyshakespeare (see its card)"),
    };

    /// <summary>
    /// Classes that serve several registry ids (a paper's arms), named after what the arms share rather than one id;
    /// every other submission class is named after its id.
    /// </summary>
    static readonly IReadOnlyDictionary<string, string> SubmissionFamilies = new Dictionary<string, string>
    {
        ["MuonSubmission"] = "muon and mars-m: MARS-M is Muon on corrected momentum",
        ["HighLearningRateSubmission"] = "high-lr-warmup and high-lr-no-warmup: the loss-curvature paper's two arms",
        ["OneEpochSubmission"] = "one-epoch and its control many-epochs-subset",
        ["InfiniteComputeSubmission"] = "heavy-weight-decay and its control data-limited",
        ["BiMaskSubmission"] = "bi-mask and its control nm-transposable (the paper's transposable-mask baseline)",
        ["SparsePropSubmission"] = "sparseprop and its control sparseprop-dense (the same mask through the dense matmul)",
        ["SniperSubmission"] = "sniper-training and its control sniper-constant",
        ["MixtureOfExpertsSubmission"] = "expert-choice-moe and its control switch-top1: one mixture, two routings",
    };

    /// <summary>"fashion-mnist" to "fashionmnist": class and folder names compare case-insensitively without the dashes.</summary>
    static string Squeezed(string name) => name.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();

    [Fact]
    public void Every_class_serving_one_id_is_named_after_it_and_every_family_is_declared()
    {
        var problems = new List<string>();
        foreach (var type in SubmissionRegistry.All.GroupBy(s => s.GetType()))
        {
            var ids = type.Select(s => s.Id).ToList();
            var family = SubmissionFamilies.ContainsKey(type.Key.Name);
            if (ids.Count > 1 && !family) problems.Add($"{type.Key.Name} serves {string.Join(" and ", ids)}: declare the family with a reason");
            if (ids.Count == 1 && family) problems.Add($"{type.Key.Name} serves only {ids[0]}: not a family, name it after the id");
            if (ids.Count == 1 && Squeezed(type.Key.Name) != Squeezed(ids[0]) + "submission")
                problems.Add($"{type.Key.Name} serves '{ids[0]}': name the class after the id");
        }
        foreach (var workload in WorkloadRegistry.All)
        {
            var name = workload.GetType().Name;
            if (Squeezed(name) != Squeezed(workload.Id) + "workload")
                problems.Add($"{name} serves '{workload.Id}': name the class after the id");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>The folder a type lives in: the last part of its namespace (folder = namespace).</summary>
    static string Folder(Type type) => type.Namespace![(type.Namespace!.LastIndexOf('.') + 1)..];

    [Fact]
    public void Every_submission_folder_is_named_after_its_paper_and_every_workload_folder_after_its_id()
    {
        var problems = new List<string>();
        foreach (var submission in SubmissionRegistry.All.DistinctBy(s => s.GetType()))
        {
            var folder = Folder(submission.GetType());
            if (Squeezed(folder) != Squeezed(submission.PaperId))
                problems.Add($"{submission.GetType().Name} (paper '{submission.PaperId}') is in Submissions/{folder}: name the folder after the paper id");
        }
        foreach (var workload in WorkloadRegistry.All)
        {
            var folder = Folder(workload.GetType());
            if (Squeezed(folder) != Squeezed(workload.Id))
                problems.Add($"{workload.GetType().Name} ('{workload.Id}') is in Workloads/{folder}: name the folder after the id");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Every_declared_workload_of_every_submission_is_a_registry_id()
    {
        var ids = WorkloadRegistry.All.Select(w => w.Id).ToHashSet();
        var unknown = SubmissionRegistry.All.SelectMany(s => s.AppliesTo.Named.Where(id => !ids.Contains(id)).Select(id => $"{s.Id} declares '{id}'")).ToList();
        Assert.True(unknown.Count == 0, string.Join("\n", unknown) + $"\nknown workloads: {string.Join(", ", ids)}");
    }

    [Fact]
    public void A_declaration_applies_to_its_workloads_and_the_default_and_names_them_to_the_others()
    {
        var only = Applicability.Only("cifar10", "fashion-mnist");
        Assert.Null(only.ReasonAgainst("cifar10"));
        Assert.Equal("set up only for cifar10 and fashion-mnist (the paper's natural workloads; see its card)", only.ReasonAgainst("modadd"));
        var agnostic = Applicability.NaturalOrDefault("tinyshakespeare");
        Assert.Null(agnostic.ReasonAgainst(Applicability.DefaultWorkload));
        Assert.Contains("and the default workload modadd", agnostic.ReasonAgainst("cifar10"));
        Assert.Null(WorkloadApplicability.Every.ReasonAgainst("anything"));
    }

    /// <summary>Every (workload, submission) pair the gate runs: seed 0 at smoke scale, as <c>repro gate</c> plans it.</summary>
    static IEnumerable<(string Workload, string Submission)> GatePairs() =>
        from w in WorkloadRegistry.All
        where w.ScaleNames.Contains("smoke")
        from s in SubmissionRegistry.All
        where s.NotApplicableReason(w) is null
        select (w.Id, s.Id);

    /// <summary>The pairs of <paramref name="pairs"/> without a smoke, seed-0 row in any of <paramref name="references"/>.</summary>
    static List<string> MissingFrom(IEnumerable<(string Workload, string Submission)> pairs, IEnumerable<IReadOnlyList<GateEntry>> references)
    {
        var present = references.SelectMany(r => r).Where(e => e.Scale == "smoke" && e.Seed == 0)
            .Select(e => (e.Workload, e.Submission)).ToHashSet();
        return [.. pairs.Where(p => !present.Contains(p)).Select(p => $"{p.Submission} on {p.Workload}")];
    }

    static IReadOnlyList<IReadOnlyList<GateEntry>> CommittedGateReferences()
    {
        var folder = Path.GetDirectoryName(GateMachineClass.ReferencePath(RepositoryRoot.Find()!, "any"))!;
        return [.. Directory.GetFiles(folder, "gate-smoke.*.csv").Order(StringComparer.Ordinal).Select(GateReference.Read)];
    }

    [Fact]
    public void Every_pair_the_registries_allow_at_smoke_scale_has_a_row_in_a_gate_reference()
    {
        var references = CommittedGateReferences();
        Assert.NotEmpty(references);
        var missing = MissingFrom(GatePairs(), references);
        Assert.True(missing.Count == 0,
            "no row in any results/reference/gate-smoke.<class>.csv for: " + string.Join(", ", missing)
            + ". Run `repro gate --update --workloads W --submissions S` on a machine of that class and commit the rows.");
    }

    [Fact]
    public void A_pair_without_a_gate_row_is_named()
    {
        GateEntry Row(string workload, string submission, int seed = 0) =>
            new() { Workload = workload, Scale = "smoke", Submission = submission, Seed = seed, Status = "Reached" };
        var references = new[] { new[] { Row("modadd", "baseline") }, new[] { Row("cifar10", "lawa", seed: 1) } };

        var missing = MissingFrom([("modadd", "baseline"), ("cifar10", "lawa"), ("sst2", "fasttext")], references);

        Assert.Equal(["lawa on cifar10", "fasttext on sst2"], missing);
    }

    [Fact]
    public void Every_implemented_papers_workload_is_a_registry_id_or_an_alias_with_a_reason()
    {
        var ids = WorkloadRegistry.All.Select(w => w.Id).ToHashSet();
        var problems = new List<string>();
        foreach (var paper in PaperRegistry.All.Where(p => p.Status == PaperStatus.Implemented))
        {
            if (ids.Contains(paper.Workload)) continue;
            if (!PaperWorkloadAliases.TryGetValue(paper.Workload, out var alias))
            {
                problems.Add($"{paper.Id}: workload '{paper.Workload}' is neither a workload id ({string.Join(", ", ids)}) nor an alias");
                continue;
            }
            var submissions = SubmissionRegistry.All.Where(s => s.PaperId == paper.Id).ToList();
            if (!ids.Contains(alias.Workload))
                problems.Add($"{paper.Id}: alias '{paper.Workload}' -> '{alias.Workload}', which is not a workload id");
            else if (!submissions.Any(s => s.NotApplicableReason(WorkloadRegistry.Get(alias.Workload)) is null))
                problems.Add($"{paper.Id}: alias '{paper.Workload}' -> '{alias.Workload}', where none of its submissions applies");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Every_workload_alias_has_a_reason_and_is_used_by_an_implemented_paper()
    {
        var used = PaperRegistry.All.Where(p => p.Status == PaperStatus.Implemented).Select(p => p.Workload).ToHashSet();
        var problems = new List<string>();
        foreach (var (name, alias) in PaperWorkloadAliases)
        {
            if (string.IsNullOrWhiteSpace(alias.Reason)) problems.Add($"alias '{name}' has no reason");
            if (!used.Contains(name)) problems.Add($"alias '{name}' is used by no implemented paper: remove it");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Every_registered_submission_has_a_card_that_names_it_and_an_implemented_paper()
    {
        var problems = new List<string>();
        foreach (var submission in SubmissionRegistry.All)
        {
            var card = MethodCards.For(submission);
            if (card is null) problems.Add($"{submission.Id}: no README.md (method card) in its folder");
            else if (!card.Contains(submission.Id, StringComparison.Ordinal)) problems.Add($"{submission.Id}: its card never names the id");
            if (submission.Id == SubmissionRegistry.BaselineId) continue;
            var paper = PaperRegistry.All.FirstOrDefault(p => p.Id == submission.PaperId);
            if (paper is null) problems.Add($"{submission.Id}: paper '{submission.PaperId}' is not in papers.csv");
            else if (paper.Status != PaperStatus.Implemented) problems.Add($"{submission.Id}: paper '{paper.Id}' is '{paper.StatusText}' in " +
                "papers.csv, not implemented");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
