using Bench.Contracts;
using Bench.Workloads.KgTranse;
using Bench.Tests.Shared;

namespace Bench.Workloads.Tests.KgTranse;

/// <summary>Issue 14, section 1: --dataset for kg-transe, a known graph or a folder of train/valid/test.txt.</summary>
public sealed class GraphDatasetTests : TempFolderTests
{
    static readonly KgTranseWorkload Workload = new();

    [Theory]
    [InlineData("smoke", "", "")]
    [InlineData("smoke", "umls", "")]          // the scale's own graph: calibrated, the default label
    [InlineData("cpu", "UMLS", "")]
    [InlineData("smoke", "wn18rr", "wn18rr")]  // a known graph the scale was not calibrated on
    [InlineData("gpu", "umls", "umls")]
    public void Known_names_resolve_to_the_default_or_their_name(string scale, string dataset, string label) =>
        Assert.Equal(label, Workload.ResolveDataset(scale, dataset, "/no/data/needed"));

    [Fact]
    public void An_unknown_name_lists_the_known_graphs() =>
        Assert.Contains("Known: umls, wn18rr", Assert.Throws<ConfigException>(() => Workload.ResolveDataset("smoke", "fb15k", "/data")).Message);

    [Fact]
    public void A_folder_resolves_to_its_full_path_after_its_files_are_read()
    {
        File.WriteAllText(Path.Combine(Folder, "train.txt"), "a\tr\tb\n");
        File.WriteAllText(Path.Combine(Folder, "valid.txt"), "");
        File.WriteAllText(Path.Combine(Folder, "test.txt"), "b\tr\ta\n");
        Assert.Equal(Folder, Workload.ResolveDataset("smoke", Folder, "/data"));
    }

    [Fact]
    public void A_folder_without_test_txt_names_the_missing_file()
    {
        File.WriteAllText(Path.Combine(Folder, "train.txt"), "a\tr\tb\n");
        File.WriteAllText(Path.Combine(Folder, "valid.txt"), "");
        var error = Assert.Throws<ConfigException>(() => Workload.ResolveDataset("smoke", Folder, "/data"));
        Assert.Contains(Path.Combine(Folder, "test.txt") + " missing", error.Message);
    }

    [Fact]
    public void A_malformed_line_is_a_config_error_naming_file_and_line()
    {
        File.WriteAllText(Path.Combine(Folder, "train.txt"), "a\tr\tb\na\tr\n");
        File.WriteAllText(Path.Combine(Folder, "valid.txt"), "");
        File.WriteAllText(Path.Combine(Folder, "test.txt"), "b\tr\ta\n");
        Assert.Contains(Path.Combine(Folder, "train.txt") + ":2:",
            Assert.Throws<ConfigException>(() => Workload.ResolveDataset("smoke", Folder, "/data")).Message);
    }

    [Fact]
    public void An_empty_test_split_is_refused()
    {
        File.WriteAllText(Path.Combine(Folder, "train.txt"), "a\tr\tb\n");
        File.WriteAllText(Path.Combine(Folder, "valid.txt"), "");
        File.WriteAllText(Path.Combine(Folder, "test.txt"), "\n");
        Assert.Contains("test.txt has no triples", Assert.Throws<ConfigException>(() => Workload.ResolveDataset("smoke", Folder, "/data")).Message);
    }
}
