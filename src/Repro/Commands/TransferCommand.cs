using System.Globalization;
using Bench.Contracts;
using Bench.Contracts.Data;
using Bench.Harness.Torch;
using Bench.Repro.Cli;
using Bench.Repro.Display;
using Bench.Repro.Transfer;
using Bench.Workloads;
using Bench.Workloads.FashionMnist;
using Spectre.Console;

namespace Bench.Repro.Commands;

/// <summary>
/// The sparse-transfer study of <c>sparse-imagenet-transfer</c> (src/Submissions/SparseImagenetTransfer/README.md): dense and
/// GMP-pruned CIFAR-10 networks transferred to Fashion-MNIST by linear probing and full fine-tuning, one CSV row per
/// (seed, upstream arm, transfer mode) in <c>&lt;results&gt;/transfer.csv</c>.
/// </summary>
public sealed class TransferCommand : ICommand
{
    static readonly OptionSpec Sparsities = new("sparsities", "comma-separated GMP sparsities of the pruned upstream arms, each in (0, 1) (default " +
        "0.8,0.9); a dense arm always runs", ValueName: "LIST");
    static readonly OptionSpec UpstreamSteps = new("upstream-steps", "upstream training steps (default: the scale's cifar10 budget, 300 at cpu)",
        ValueName: "N");
    static readonly OptionSpec DownstreamSteps = new("downstream-steps", "transfer steps of each mode (default 100)", ValueName: "N");
    static readonly OptionSpec DownstreamTrain = new("downstream-train", "Fashion-MNIST training images used (default 10000)", ValueName: "N");
    static readonly OptionSpec DownstreamTest = new("downstream-test", "Fashion-MNIST test images evaluated (default 10000, all)", ValueName: "N");

    /// <summary>The upstream workload.</summary>
    public const string UpstreamWorkload = "cifar10";

    public string Name => "transfer";

    public string Summary => "the sparse-transfer study: dense vs GMP-pruned cifar10 networks transferred to Fashion-MNIST (linear probe, fine-tune)";

    public string Usage => "transfer [--seeds N] [--sparsities LIST] [--upstream-steps N] [--downstream-steps N] [--results DIR] [--dry-run] [options]";

    public IReadOnlyList<OptionSpec> Options =>
    [
        Sparsities, UpstreamSteps, DownstreamSteps, DownstreamTrain, DownstreamTest, SharedOptions.Seeds, SharedOptions.FirstSeed, SharedOptions.Scale,
        SharedOptions.Device, SharedOptions.Threads, SharedOptions.Data, SharedOptions.Download, SharedOptions.Results, SharedOptions.DryRun,
    ];

    public int Execute(ParsedArguments arguments, IAnsiConsole console)
    {
        if (arguments.Positionals.Count > 0)
            throw new ConfigException($"transfer takes no positional arguments (got '{ConfigException.Echo(arguments.Positionals[0])}').");
        var options = SharedOptions.Bind(arguments);
        var workload = WorkloadRegistry.Get(UpstreamWorkload);
        var scale = workload.Scale(options.Scale);
        var arms = new List<UpstreamArm> { new(0) };
        arms.AddRange(ParseSparsities(arguments.Value("sparsities") ?? "0.8,0.9").Select(s => new UpstreamArm(s)));
        var upstreamSteps = Positive(arguments, "upstream-steps", scale.Budget.MaxSteps);
        var recipe = workload.Baseline(options.Scale);
        var settings = new TransferSettings((int)Positive(arguments, "downstream-steps", 100), recipe.BatchSize, recipe.LearningRate, recipe.WeightDecay,
            recipe.WarmupFraction);
        var trainExamples = (int)Positive(arguments, "downstream-train", 10_000);
        var testExamples = (int)Positive(arguments, "downstream-test", 10_000);
        var seeds = Enumerable.Range(options.FirstSeed, options.Seeds ?? 3).ToList();
        var results = Path.GetFullPath(options.Results);

        var plan = $"{UpstreamWorkload} ({scale.Name}, {upstreamSteps} steps) -> Fashion-MNIST at 3x32x32 ({trainExamples} train / {testExamples} test " +
            $"images); arms {string.Join(", ", arms.Select(a => a.Name))}; transfers linear-probe, full-finetune; seeds {string.Join(", ", seeds)}; " +
            $"{settings.Steps} transfer steps of {settings.BatchSize}; rows to {Path.Combine(results, TransferStudy.FileName)}";
        if (arguments.Flag("dry-run"))
        {
            console.MarkupLine(Markup.Escape($"transfer study (dry run, nothing trained): {plan}"));
            return 0;
        }

        var device = TorchSetup.Initialize(options.Device, options.ThreadsFor(workload));
        // Both datasets are located (and verified) before any training, so missing data fails at once.
        var fashion = DatasetStore.Locate(FashionMnistWorkload.Dataset, options.Data, options.Download);
        using var run = workload.Open(new RunContext(scale, seeds[0], device, options.Data, options.Download));
        using var images = FashionMnistWorkload.Load(fashion, device, new DecodedCache(DecodedCache.DefaultFolder));
        using var downstream = DownstreamImages.FashionMnist(images, trainExamples, testExamples);

        console.MarkupLine(Markup.Escape($"transfer study: {plan}; {downstream.Description}"));
        var study = new TransferStudy(workload, run, scale, downstream, device);
        IReadOnlyList<TransferRow> rows;
        if (ProgressObserver.IsTerminal(console))
            rows = console.Progress().AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .Start(context =>
                {
                    var task = context.AddTask("transfer study", maxValue: 1);
                    return study.Run(seeds, arms, upstreamSteps, settings, results, line => task.Description = Markup.Escape(line),
                        (done, total) => { task.MaxValue = total; task.Value = done; });
                });
        else
            rows = study.Run(seeds, arms, upstreamSteps, settings, results, line => console.MarkupLine(Markup.Escape(line)));
        Summarise(console, rows);
        return 0;
    }

    /// <summary>Mean downstream accuracy per (arm, mode) over the seeds, and its difference from the dense arm's.</summary>
    static void Summarise(IAnsiConsole console, IReadOnlyList<TransferRow> rows)
    {
        var table = new Table().Title("sparse transfer (means over seeds; the paper's claim: sparse matches or beats dense)")
            .AddColumns("upstream", "sparsity", "upstream acc.", "transfer", "downstream acc.", "vs dense", "seeds");
        foreach (var group in rows.GroupBy(r => (r.UpstreamArm, r.Transfer)))
        {
            var dense = rows.Where(r => r.UpstreamArm == "dense" && r.Transfer == group.Key.Transfer).ToDictionary(r => r.Seed, r => r.DownstreamAccuracy);
            var paired = group.Where(r => dense.ContainsKey(r.Seed)).Select(r => r.DownstreamAccuracy - dense[r.Seed]).ToList();
            table.AddRow(new[]
            {
                group.Key.UpstreamArm, group.Average(r => r.Sparsity).ToString("0.000", CultureInfo.InvariantCulture),
                group.Average(r => r.UpstreamAccuracy).ToString("0.0000", CultureInfo.InvariantCulture), group.Key.Transfer,
                group.Average(r => r.DownstreamAccuracy).ToString("0.0000", CultureInfo.InvariantCulture),
                paired.Count == 0 ? "-" : paired.Average().ToString("+0.0000;-0.0000;0", CultureInfo.InvariantCulture),
                group.Count().ToString(CultureInfo.InvariantCulture),
            }.Select(Markup.Escape).ToArray());
        }
        console.Write(table);
    }

    static IReadOnlyList<double> ParseSparsities(string text)
    {
        var values = new List<double>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) || !(s > 0 && s < 1))
                throw new ConfigException($"--sparsities takes numbers in (0, 1) separated by commas, e.g. 0.8,0.9 (got '{ConfigException.Echo(part)}').");
            values.Add(s);
        }
        if (values.Count == 0) throw new ConfigException("--sparsities needs at least one sparsity in (0, 1), e.g. 0.8,0.9.");
        return values.Distinct().ToList();
    }

    static long Positive(ParsedArguments arguments, string name, long fallback)
    {
        if (arguments.Value(name) is not { } text) return fallback;
        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 1 && value <= int.MaxValue
            ? value
            : throw new ConfigException($"--{name} must be an integer >= 1 (got '{ConfigException.Echo(text)}').");
    }
}
