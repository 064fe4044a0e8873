using System.Globalization;
using Bench.Repro.Transfer;
using Bench.Submissions.SparseImagenetTransfer;
using Bench.Tests.Shared;
using Bench.Workloads.Cifar10;
using TorchSharp;
using static TorchSharp.torch;

namespace Bench.Repro.Tests.Transfer;

/// <summary>
/// The sparse-transfer study (<c>repro transfer</c>): the 28 -> 32 three-channel mapping, what each transfer mode may
/// change, and a tiny run of the whole study through the command line.
/// </summary>
public sealed class TransferStudyTests : TempFolderTests
{
    static readonly TransferSettings FewSteps = new(Steps: 3, BatchSize: 16, LearningRate: 1e-2, WeightDecay: 5e-4, WarmupFraction: 0);

    /// <summary>A SmallResNet of widths 4-8-8 and 48 random 32x32 "images" of 10 classes.</summary>
    static (SmallResNet Model, DownstreamImages Data) Tiny(int seed)
    {
        manual_seed(seed);
        var model = new SmallResNet([4, 8, 8], 10);
        var data = new DownstreamImages
        {
            Train = randn(48, 3, 32, 32), TrainLabels = randint(0, 10, [48]), Test = randn(20, 3, 32, 32), TestLabels = randint(0, 10, [20]),
            Classes = 10, Description = "random",
        };
        return (model, data);
    }

    static Dictionary<string, Tensor> Copy(nn.Module model) =>
        model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());

    [Fact]
    public void A_28_pixel_grey_image_lands_centred_in_32_with_its_channel_repeated_three_times()
    {
        using var scope = NewDisposeScope();
        var flat = arange(2 * 784, dtype: float32).reshape(2, 784).add(1); // every pixel distinct and non-zero
        var rgb = DownstreamImages.ToRgb32(flat);
        Assert.Equal([2L, 3, 32, 32], rgb.shape);
        var original = flat.reshape(2, 28, 28);
        for (var c = 0; c < 3; c++)
            Assert.True(rgb[.., c, 2..30, 2..30].eq(original).all().item<bool>(), $"channel {c}");
        // Pixel (r, c) = 1 + 784 n + 28 r + c lands at (r + 2, c + 2).
        Assert.Equal(1 + 784 + 28 * 5 + 7, rgb[1, 2, 7, 9].item<float>());
        var border = ones(32, 32, dtype: @bool);
        border[2..30, 2..30] = zeros(28, 28, dtype: @bool);
        Assert.Equal(0, rgb.masked_select(border.expand(2, 3, 32, 32)).abs().sum().item<float>());
        Assert.Throws<ArgumentException>(() => DownstreamImages.ToRgb32(zeros(2, 100)));
    }

    [Fact]
    public void Linear_probing_trains_only_the_new_head_and_leaves_every_backbone_weight_and_statistic_unchanged()
    {
        using var scope = NewDisposeScope();
        var (model, data) = Tiny(1);
        using var _ = model;
        using var __ = data;
        var before = Copy(model);

        var outcome = Adaptation.Adapt(model, TransferMode.LinearProbe, data, FewSteps, seed: 0);

        var after = Copy(model);
        foreach (var (name, tensor) in before.Where(kv => !kv.Key.StartsWith("head.", StringComparison.Ordinal)))
            Assert.True(after[name].eq(tensor).all().item<bool>(), $"{name} changed under linear probing");
        Assert.Equal([10L, 8], after["head.weight"].shape); // the new head: 10 classes on 8 features, with a bias the old one lacked
        Assert.Contains("head.bias", after.Keys);
        Assert.InRange(outcome.Accuracy, 0, 1);
        Assert.Equal(0, outcome.Sparsity);
    }

    [Fact]
    public void Full_fine_tuning_changes_the_backbone_but_keeps_every_pruned_weight_at_zero()
    {
        using var scope = NewDisposeScope();
        var (model, data) = Tiny(2);
        using var _ = model;
        using var __ = data;
        using (var pruner = MagnitudePruner.OverConvolutions(model)) pruner.Prune(0.8);
        var before = Copy(model);

        var outcome = Adaptation.Adapt(model, TransferMode.FullFineTune, data, FewSteps, seed: 0);

        var after = Copy(model);
        var convolutions = before.Keys.Where(k => k.StartsWith("stages.", StringComparison.Ordinal) && k.EndsWith(".weight", StringComparison.Ordinal)
            && before[k].dim() == 4).ToList();
        Assert.Equal(9, convolutions.Count);
        foreach (var name in convolutions)
        {
            var pruned = before[name].eq(0);
            Assert.False(after[name].masked_select(pruned).ne(0).any().item<bool>(), $"{name}: a pruned weight moved");
            Assert.False(after[name].masked_select(pruned.logical_not()).eq(before[name].masked_select(pruned.logical_not())).all().item<bool>(),
                $"{name}: no kept weight trained");
        }
        Assert.Equal(0.8, outcome.Sparsity, 2);
    }

    [Fact]
    public void A_tiny_study_writes_one_row_per_seed_arm_and_mode_and_appends_on_a_second_run()
    {
        string[] args =
        [
            "transfer", "--scale", "smoke", "--seeds", "1", "--first-seed", "3", "--sparsities", "0.9", "--upstream-steps", "4", "--downstream-steps", "2",
            "--downstream-train", "64", "--downstream-test", "50", "--data", TestData.Root, "--download", "false", "--results", Folder,
        ];

        var (code, output) = ReproRunner.Run(args);

        Assert.True(code == 0, output);
        var lines = File.ReadAllLines(Path.Combine(Folder, TransferStudy.FileName));
        Assert.Equal(TransferRow.Header, lines[0]);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(["dense/linear-probe", "dense/full-finetune", "gmp-0.9/linear-probe", "gmp-0.9/full-finetune"], rows.Select(r => $"{r[1]}/{r[8]}"));
        var header = TransferRow.Header.Split(',');
        double Field(string[] row, string name) => double.Parse(row[Array.IndexOf(header, name)], CultureInfo.InvariantCulture);
        Assert.All(rows, r => Assert.Equal("3", r[0]));
        Assert.All(rows, r => Assert.Equal(4, Field(r, "upstream_steps")));
        Assert.All(rows, r => Assert.Equal(2, Field(r, "downstream_steps")));
        Assert.All(rows, r => Assert.Equal(64, Field(r, "downstream_train_examples")));
        Assert.All(rows, r => Assert.InRange(Field(r, "downstream_accuracy"), 0, 1));
        Assert.All(rows, r => Assert.True(Field(r, "upstream_seconds") > 0 && Field(r, "downstream_seconds") > 0));
        Assert.All(rows.Take(2), r => Assert.Equal(0, Field(r, "sparsity")));
        Assert.All(rows.Skip(2), r => Assert.Equal(0.9, Field(r, "sparsity"), 3));
        Assert.All(rows.Skip(2), r => Assert.Equal(0.9, Field(r, "downstream_sparsity"), 3));
        Assert.Contains("sparse transfer", output);

        // A second run keeps the first run's rows.
        Assert.Equal(0, ReproRunner.Run([.. args.Select(a => a == "3" ? "4" : a)]).ExitCode);
        Assert.Equal(9, File.ReadAllLines(Path.Combine(Folder, TransferStudy.FileName)).Length);
    }

    [Theory]
    [InlineData(new[] { "--no-such-option", "1" }, "error: ")]
    [InlineData(new[] { "--sparsities", "0.9,1.5" }, "error: --sparsities takes numbers in (0, 1)")]
    [InlineData(new[] { "--downstream-steps", "0" }, "error: --downstream-steps must be an integer >= 1")]
    [InlineData(new[] { "extra" }, "error: ")]
    public void Bad_input_is_one_error_line_and_exit_2(string[] extra, string expected)
    {
        var (code, output) = ReproRunner.Run(["transfer", "--scale", "smoke", "--results", Folder, .. extra]);
        Assert.Equal(2, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, output);
        Assert.StartsWith(expected, lines[0]);
        Assert.False(File.Exists(Path.Combine(Folder, TransferStudy.FileName)));
    }

    [Fact]
    public void Missing_data_is_one_error_line_and_exit_2_before_any_training()
    {
        var empty = Path.Combine(Folder, "no-data");
        Directory.CreateDirectory(empty);
        var results = Path.Combine(Folder, "results");
        var (code, output) = ReproRunner.Run("transfer", "--scale", "smoke", "--seeds", "1", "--data", empty, "--download", "false", "--results", results);
        Assert.Equal(2, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, output);
        Assert.StartsWith("error: ", lines[0]);
        Assert.Contains("Fashion-MNIST", lines[0]);
        Assert.False(Directory.Exists(results));
    }
}
