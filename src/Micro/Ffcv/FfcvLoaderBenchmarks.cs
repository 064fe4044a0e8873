using Bench.Contracts;
using Bench.Harness;
using Bench.Harness.Torch;
using Bench.Submissions.Mechanisms;
using Bench.Workloads;
using BenchmarkDotNet.Attributes;
using TorchSharp;

namespace Bench.Micro.Ffcv;

/// <summary>
/// Loader throughput without training (paper id <c>ffcv</c>, whose claim is end-to-end and absolute: ImageNet ResNet-50
/// to 75% in 20 minutes on 8 A100s): the time to make one training batch of the cifar10 workload (its baseline batch size:
/// 64 at smoke, 256 at cpu) by the naive per-image loader (read each JPEG, decode, standardise, flip, collate: the
/// baseline of the ratio), by the workload's default stream (its standardised float32 split in memory, index_select and
/// a batch flip), and by ffcv's pre-decoded uint8 store (index_select, batch flip, conversion and standardisation).
/// Images per second = batch size / Mean. The store is built untimed here (ffcv builds it in Create, on a trial's clock).
/// ffcv's prefetch thread is left out: without a training step to overlap it only moves the same work to another thread.
/// Needs the data: BENCH_DATA (or ../shared/data beside the repository) with cifar10-jpeg (cpu) and cifar10-jpeg-subset
/// (smoke, raw records: no JPEG decoding, a smoke size only).
/// </summary>
[Papers("ffcv")]
public class FfcvLoaderBenchmarks
{
    IWorkloadRun run = null!;
    EncodedSplit split = null!;
    ImageStandardisation standardisation = null!;
    PixelStore store = null!;
    IBatchSource naive = null!;
    IBatchSource workloadDefault = null!;
    IBatchSource ffcv = null!;
    int batchSize;

    [Params("smoke", "cpu")]
    public string Scale { get; set; } = "smoke";

    static string DataRoot => Environment.GetEnvironmentVariable("BENCH_DATA") is { Length: > 0 } root
        ? root
        : Path.Combine(RepositoryRoot.Find() ?? ".", "..", "shared", "data");

    [GlobalSetup]
    public void Setup()
    {
        TorchSetup.Initialize("cpu", threads: 2);
        var workload = WorkloadRegistry.Get("cifar10");
        run = workload.Open(new RunContext(workload.Scale(Scale), 0, torch.CPU, DataRoot));
        split = run.EncodedTrainingSplit ?? throw new InvalidOperationException("the cifar10 copy read offers no stored files");
        standardisation = new ImageStandardisation(split);
        store = new PixelStore(split);
        batchSize = workload.Baseline(Scale).BatchSize;
        naive = new PerImageDecodingSource(split, standardisation, seed: 0);
        workloadDefault = run.TrainBatches(0);
        ffcv = new PixelStoreSource(store, seed: 0);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        store.Dispose();
        standardisation.Dispose();
        run.Dispose();
    }

    [Benchmark(Baseline = true)]
    public long NaivePerImage() => Make(naive);

    [Benchmark]
    public long WorkloadDefault() => Make(workloadDefault);

    [Benchmark]
    public long FfcvStore() => Make(ffcv);

    long Make(IBatchSource source)
    {
        using var scope = torch.NewDisposeScope();
        var batch = source.Next(batchSize);
        return batch.Inputs.shape[0];
    }
}
