using Bench.Harness.Results;
using Bench.Harness.Training;
using Bench.Tests.Shared;

namespace Bench.Repro.Tests;

/// <summary>
/// Issue 14, section 1: a user's own data in one command. The row names the dataset, the manifest records the files'
/// SHA-256, the trial has no target (no calibration) and reports its final metric; a bad folder stops with exit 2.
/// </summary>
public sealed class UserDatasetTests : TempFolderTests
{
    string Results => Path.Combine(Folder, "results");

    /// <summary>A tiny graph: 8 entities on a ring, "next" and "prev" relations; test holds two edges.</summary>
    string WriteGraph()
    {
        var graph = Directory.CreateDirectory(Path.Combine(Folder, "ring graph")).FullName;
        var edges = Enumerable.Range(0, 8).SelectMany(i => new[] { $"e{i}\tnext\te{(i + 1) % 8}", $"e{(i + 1) % 8}\tprev\te{i}" }).ToList();
        File.WriteAllLines(Path.Combine(graph, "train.txt"), edges.Skip(4));
        File.WriteAllLines(Path.Combine(graph, "valid.txt"), edges.Take(2));
        File.WriteAllLines(Path.Combine(graph, "test.txt"), edges.Skip(2).Take(2));
        return graph;
    }

    [Fact]
    public void TransE_trains_on_a_user_graph_folder_in_one_command_and_the_row_names_it()
    {
        var graph = WriteGraph();
        string[] args = ["run", "baseline", "--workload", "kg-transe", "--scale", "smoke", "--seeds", "1", "--dataset", graph, "--results", Results];

        var (code, output) = ReproRunner.Run(args);

        Assert.True(code == 0, output);
        Assert.Contains($"dataset {graph} has no calibration for kg-transe at scale smoke", output);
        var store = new ResultsStore(Results);
        var row = Assert.Single(store.ReadTrials());
        Assert.Equal(graph, row.Dataset);
        Assert.Equal(TrialStatus.Missed, row.Status);
        Assert.True(double.IsNaN(row.Target));
        Assert.InRange(row.FinalMetric, 0, 1);
        Assert.Equal(300, row.Steps); // the smoke budget, trained to its end
        Assert.Contains("train.txt SHA-256 ", store.ReadManifest(row.Spec)!.Dataset);
        Assert.Contains("kg-transe (ring graph)", output);

        // The same command resumes; the workload's own data is another trial, never taken from these rows.
        Assert.Contains("skipped 1 already finished", ReproRunner.Run(args).Output);
    }

    [Fact]
    public void A_target_given_with_a_user_graph_is_the_trials_target_and_a_separate_trial()
    {
        var graph = WriteGraph();
        string[] args = ["run", "baseline", "--workload", "kg-transe", "--scale", "smoke", "--seeds", "1", "--dataset", graph, "--results", Results, "--target",
            "0.01"];

        var (code, output) = ReproRunner.Run(args);

        Assert.True(code == 0, output);
        Assert.Contains("towards your target mrr >= 0.01 (--target)", output);
        var row = Assert.Single(new ResultsStore(Results).ReadTrials());
        Assert.Equal((TrialStatus.Reached, 0.01, graph), (row.Status, row.Target, row.Dataset));
        Assert.True(row.Steps < 300, "stops at the first evaluation that meets the target");

        // Without --target the same data is another trial (not skipped as finished).
        (code, output) = ReproRunner.Run([.. args[..^2], "--in-process"]);
        Assert.True(code == 0, output);
        Assert.Contains("ran 1, resumed 0, skipped 0", output);
        Assert.Equal(2, new ResultsStore(Results).ReadTrials().Count);
    }

    [Fact]
    public void A_target_without_a_dataset_is_refused()
    {
        var (code, output) = ReproRunner.Run("run", "baseline", "--workload", "kg-transe", "--scale", "smoke", "--target", "0.3", "--results", Results);
        Assert.Equal(2, code);
        Assert.Contains("--target is for data without a calibration", output);

        (code, output) = ReproRunner.Run("run", "baseline", "--workload", "kg-transe", "--scale", "smoke", "--dataset", "umls", "--target", "0.3", "--results",
            Results);
        Assert.Equal(2, code);
        Assert.Contains("calibrated target mrr >= 0.53", output);
    }

    [Fact]
    public void The_text_workload_trains_on_a_user_tsv_with_string_labels_and_no_dev_split()
    {
        var text = Directory.CreateDirectory(Path.Combine(Folder, "reviews")).FullName;
        string[] good = ["a fine film", "Great acting", "lovely and warm", "a joy"], bad = ["a dull film", "Poor acting", "cold and slow", "a bore"];
        File.WriteAllLines(Path.Combine(text, "train.tsv"), Enumerable.Range(0, 40).Select(i => i % 2 == 0 ? $"positive\t{good[i / 2 % 4]}"
            : $"negative\t{bad[i / 2 % 4]}"));
        File.WriteAllLines(Path.Combine(text, "test.tsv"), ["positive\ta fine joy", "negative\ta dull bore"]);

        var (code, output) = ReproRunner.Run("run", "baseline", "--workload", "sst2", "--scale", "smoke", "--seeds", "1", "--dataset", text,
            "--results", Results, "--in-process");

        Assert.True(code == 0, output);
        var store = new ResultsStore(Results);
        var row = Assert.Single(store.ReadTrials());
        Assert.Equal(text, row.Dataset);
        Assert.Equal(TrialStatus.Missed, row.Status);
        Assert.InRange(row.FinalMetric, 0, 1);
        var manifest = store.ReadManifest(row.Spec)!.Dataset!;
        Assert.Contains("string labels, sorted: negative=0, positive=1", manifest);
        Assert.Contains("no dev.tsv: validation = the last 10% of train.tsv", manifest);
        Assert.Contains("train 36, validation 4", manifest);
    }

    [Fact]
    public void A_graph_folder_missing_a_file_stops_with_exit_2_naming_it_and_writes_no_rows()
    {
        var graph = WriteGraph();
        File.Delete(Path.Combine(graph, "valid.txt"));

        var (code, output) = ReproRunner.Run("run", "baseline", "--workload", "kg-transe", "--scale", "smoke", "--seeds", "1", "--dataset", graph, "--results",
            Results);

        Assert.Equal(2, code);
        Assert.Contains($"error: --dataset {graph}: {Path.Combine(graph, "valid.txt")} missing", output);
        Assert.Empty(new ResultsStore(Results).ReadTrials());
    }

    [Fact]
    public void A_malformed_line_stops_with_exit_2_naming_the_file_and_line()
    {
        var text = Directory.CreateDirectory(Path.Combine(Folder, "text")).FullName;
        File.WriteAllLines(Path.Combine(text, "train.tsv"), ["positive\tfine", "no tab on this line", "negative\tdull"]);

        var (code, output) = ReproRunner.Run("run", "baseline", "--workload", "sst2", "--scale", "smoke", "--seeds", "1", "--dataset", text, "--results",
            Results);

        Assert.Equal(2, code);
        Assert.Contains($"{Path.Combine(text, "train.tsv")}:2: expected '<label>\\t<text>'", output);
        Assert.DoesNotContain("   at ", output); // no stack trace
        Assert.Empty(new ResultsStore(Results).ReadTrials());
    }

    [Fact]
    public void A_dataset_for_several_workloads_or_for_a_workload_without_one_is_refused()
    {
        var (code, output) = ReproRunner.Run("speedrun", "--workloads", "modadd,kg-transe", "--dataset", "umls", "--results", Results);
        Assert.Equal(2, code);
        Assert.Contains("choose one with --workload", output);

        (code, output) = ReproRunner.Run("speedrun", "--workloads", "modadd", "--dataset", "umls", "--results", Results);
        Assert.Equal(2, code);
        Assert.Contains("workload 'modadd' reads only its own dataset", output);
    }
}
