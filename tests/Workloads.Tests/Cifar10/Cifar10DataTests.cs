using Bench.Contracts;
using Bench.Contracts.Data;
using Bench.Harness.Provenance;
using Bench.Harness.Results;
using Bench.Harness.Training;
using Bench.Submissions;
using Bench.Tests.Shared;
using Bench.Workloads.Cifar10;
using TorchSharp;

namespace Bench.Workloads.Tests.Cifar10;

/// <summary>Which CIFAR-10 copy each scale reads, the decoded-records cache, and what the manifest says about the data.</summary>
public sealed class Cifar10DataTests : TempFolderTests
{
    static readonly Cifar10Workload Workload = new();

    static string JpegFolder => Path.Combine(TestData.Root, "cifar10-jpeg");

    static IWorkloadRun Open(string scale, string dataRoot) =>
        Workload.Open(new RunContext(Workload.Scale(scale), 0, TorchFixture.Cpu, dataRoot));

    [Fact]
    public void Cpu_scale_reads_all_fifty_thousand_images_from_the_jpeg_files()
    {
        // Writes the per-user cache (~/.cache/bench/decoded) as a real run would.
        using var run = Open("cpu", TestData.Root);

        Assert.Contains("cifar10-jpeg/cifar10-train-jpeg.tar.gz (SHA-256 e23a05ee43cf", run.DataDescription);
        Assert.Contains($"decoded with {SkiaJpegDecoder.Version}", run.DataDescription);
        Assert.StartsWith("SkiaSharp 3.119.0 (native ", SkiaJpegDecoder.Version);
        Assert.EndsWith("50,000 train / 10,000 test images used", run.DataDescription);
    }

    [Fact]
    public void Smoke_scale_keeps_the_subset()
    {
        using var run = Open("smoke", TestData.Root);

        Assert.StartsWith("cifar10-jpeg-subset/{train,test}.bin", run.DataDescription);
        Assert.EndsWith("1,000 train / 1,000 test images used", run.DataDescription);
    }

    [Fact]
    public void A_jpeg_archive_with_the_wrong_checksum_is_named_with_both_checksums()
    {
        var folder = Directory.CreateDirectory(Path.Combine(Folder, "cifar10-jpeg")).FullName;
        File.Copy(Path.Combine(JpegFolder, "cifar10-test-jpeg.tar.gz"), Path.Combine(folder, "cifar10-test-jpeg.tar.gz"));
        // The test archive under the train archive's name: a valid archive, the wrong file.
        File.Copy(Path.Combine(JpegFolder, "cifar10-test-jpeg.tar.gz"), Path.Combine(folder, "cifar10-train-jpeg.tar.gz"));

        var error = Assert.Throws<ConfigException>(() => Open("cpu", Folder));

        Assert.Contains($"{Path.Combine(folder, "cifar10-train-jpeg.tar.gz")} is corrupt or truncated: SHA-256 2f78efc30b2c", error.Message);
        Assert.Contains("expected e23a05ee43cf7e36fa212a9774e47d68233c1595ee3ed2b5c790b00c6767fb31", error.Message);
    }

    [Fact]
    public void Decoded_records_are_cached_under_the_archives_checksum_and_a_hit_gives_identical_tensors()
    {
        var cache = new DecodedCache(Path.Combine(Folder, "cache"));
        var first = Cifar10Workload.ReadJpegFiles(JpegFolder, cache);
        var entry = cache.PathOf(Cifar10Workload.CacheKey(Cifar10Workload.JpegFiles.Files[0]));
        var written = File.GetLastWriteTimeUtc(entry);

        var second = Cifar10Workload.ReadJpegFiles(JpegFolder, cache);

        Assert.Contains(Cifar10Workload.JpegFiles.Files[0].Sha256, Path.GetFileName(entry));
        Assert.Contains(SkiaJpegDecoder.CacheTag, Path.GetFileName(entry));
        Assert.Equal(written, File.GetLastWriteTimeUtc(entry));
        Assert.Equal(2, Directory.GetFiles(cache.Folder).Length);
        Assert.True(first.Train.eq(second.Train).all().item<bool>());
        Assert.True(first.TrainLabels.eq(second.TrainLabels).all().item<bool>());
        Assert.True(first.Test.eq(second.Test).all().item<bool>());
        Assert.True(first.TestLabels.eq(second.TestLabels).all().item<bool>());
        Assert.Equal(new long[] { 50_000, 3, 32, 32 }, first.Train.shape);
        Assert.Equal(new long[] { 10_000, 3, 32, 32 }, first.Test.shape);
        foreach (var t in new[] { first.Train, first.TrainLabels, first.Test, first.TestLabels, second.Train, second.TrainLabels, second.Test,
            second.TestLabels })
            t.Dispose();
    }

    [Fact]
    public void The_trial_manifest_says_which_data_the_trial_read()
    {
        var outcome = new TrialRunner(new FakeTimeSource(), warmupSteps: 0)
            .Run(new TrialSpec("cifar10", "smoke", "baseline", 0), Workload, SubmissionRegistry.Get("baseline"), TorchFixture.Cpu, TestData.Root);
        var store = new ResultsStore(Folder);
        var environment = new EnvironmentFingerprint("cpu", 2, 2, "cpu", "none", "linux", ".NET", "0.107.0", "2.10.0", "abc");

        store.SaveTrial(new TrialManifest(outcome.Record, new Dictionary<string, string?>(), environment) { Dataset = outcome.Dataset }, outcome.Curve);

        Assert.StartsWith("cifar10-jpeg-subset/{train,test}.bin", store.ReadManifest(outcome.Record.Spec)!.Dataset);
        Assert.Contains("\"Dataset\": \"cifar10-jpeg-subset/", File.ReadAllText(store.ManifestPath(outcome.Record.Spec)));
    }
}
