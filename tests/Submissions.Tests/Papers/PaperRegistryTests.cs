using System.Globalization;
using Bench.Submissions.Papers;
using CsvHelper;

namespace Bench.Submissions.Tests.Papers;

public class PaperRegistryTests
{
    const string Header = "id,title,arxiv,claim,claim_factor,claim_kind,category,scale_down,feasible,workload,notes,status,status_reason,proxy\n";

    static string Row(string id, string category = "optimizer", string factor = "2", string status = "planned", string reason = "", string proxy = "") =>
        $"{id},T,1,C,{factor},train-wallclock,{category},S,yes,none,N,{status},{reason},{proxy}\n";

    [Fact]
    public void The_embedded_registry_loads_and_every_id_is_unique()
    {
        Assert.NotEmpty(PaperRegistry.All);
        Assert.Equal(PaperRegistry.All.Count, PaperRegistry.All.Select(p => p.Id).Distinct().Count());
    }

    [Fact]
    public void No_paper_of_the_shared_list_disappears_and_claims_are_unchanged()
    {
        var shared = Path.Combine(Bench.Harness.RepositoryRoot.Find()!, "..", "shared", "papers.csv");
        if (!File.Exists(shared)) return; // the shared folder is beside the checkout in CI and on developer machines
        using var csv = CsvReader.FromText(File.ReadAllText(shared), new CsvReaderOptions { FormatProvider = CultureInfo.InvariantCulture });
        var expected = new List<(string, string, string)>();
        while (csv.Read()) expected.Add((csv.GetString("id"), csv.GetString("claim"), csv.GetString("claim_factor")));

        Assert.Equal(expected, PaperRegistry.All.Select(p => (p.Id, p.Claim, p.ClaimFactorText)));
    }

    [Fact]
    public void Every_submission_implements_a_registered_paper_and_implemented_papers_have_a_submission()
    {
        var implemented = SubmissionRegistry.All.Where(s => s.Id != SubmissionRegistry.BaselineId).Select(s => s.PaperId).ToHashSet();
        Assert.All(implemented, id => Assert.Equal(PaperStatus.Implemented, PaperRegistry.Get(id).Status));
        Assert.All(PaperRegistry.All.Where(p => p.Status == PaperStatus.Implemented), p => Assert.Contains(p.Id, implemented));
    }

    [Fact]
    public void Every_paper_has_a_status_and_every_out_of_scope_paper_a_reason() =>
        Assert.All(PaperRegistry.All, p => Assert.True(p.Status != PaperStatus.OutOfScope || p.StatusReason.Length > 0, p.Id));

    [Theory]
    [InlineData("a", "optimizer", "2", "planned", "", "", "duplicate id 'a'")]
    [InlineData("b", "astrology", "2", "planned", "", "", "b: unknown category 'astrology'")]
    [InlineData("b", "optimizer", "fast", "planned", "", "", "b: claim_factor 'fast' is not a positive number")]
    [InlineData("b", "optimizer", "2", "maybe", "", "", "b: unknown status 'maybe'")]
    [InlineData("b", "optimizer", "2", "out-of-scope", "", "", "b: out-of-scope without a reason")]
    [InlineData("b", "optimizer", "2", "implemented", "", "", "b: status implemented but no submission implements it")]
    [InlineData("b", "optimizer", "2", "planned", "", "zzz", "b: proxy 'zzz' is not a paper id")]
    public void Invalid_registries_fail_at_load_naming_the_row(string id, string category, string factor, string status, string reason, string proxy,
        string problem)
    {
        var text = Header + Row("a") + Row(id, category, factor, status, reason, proxy);
        var error = Assert.Throws<InvalidDataException>(() => PaperRegistry.Load(text, []));
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void A_submission_for_an_unknown_paper_is_rejected()
    {
        var error = Assert.Throws<InvalidDataException>(() => PaperRegistry.Load(Header + Row("a"), ["ghost"]));
        Assert.Contains("a submission implements 'ghost', which is not in the registry", error.Message);
    }
}
