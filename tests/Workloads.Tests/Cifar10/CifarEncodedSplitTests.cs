using Bench.Contracts;
using Bench.Submissions.Mechanisms;
using Bench.Tests.Shared;
using Bench.Workloads.Cifar10;
using static TorchSharp.torch;

namespace Bench.Workloads.Tests.Cifar10;

/// <summary>
/// The stored files a cifar10 run offers (<see cref="IWorkloadRun.EncodedTrainingSplit"/>) decode and standardise to
/// exactly its training split, row for row, on the full JPEG copy (cpu) and the subset's raw records (smoke).
/// </summary>
public sealed class CifarEncodedSplitTests
{
    static readonly Cifar10Workload Workload = new();

    [Theory]
    [InlineData("smoke", 1_000, "raw CIFAR-10 records")]
    [InlineData("cpu", 50_000, "JPEG files (SkiaSharp")]
    public void The_stored_files_decode_and_standardise_to_the_training_split_row_for_row(string scale, int count, string format)
    {
        using var run = Workload.Open(new RunContext(Workload.Scale(scale), 0, TorchFixture.Cpu, TestData.Root));
        var split = run.EncodedTrainingSplit!;
        var decoded = run.TrainingSplit!;
        using var standardisation = new ImageStandardisation(split);

        Assert.Equal(count, split.Count);
        Assert.StartsWith(format, split.Format);
        const int chunk = 2_000;
        for (var start = 0; start < count; start += chunk)
        {
            using var scope = NewDisposeScope();
            var n = Math.Min(chunk, count - start);
            var pixels = new byte[n * split.DecodedBytes];
            var labels = new long[n];
            for (var i = 0; i < n; i++)
            {
                split.Decode(split.File(start + i), pixels.AsSpan(i * split.DecodedBytes, split.DecodedBytes));
                labels[i] = split.Label(start + i);
            }
            var images = standardisation.Apply(tensor(pixels, [n, 3, 32, 32]));
            Assert.True(images.equal(decoded.Inputs.narrow(0, start, n)).all().item<bool>(), $"rows {start}..{start + n} differ");
            Assert.Equal(decoded.Targets.narrow(0, start, n).data<long>().ToArray(), labels);
        }
    }
}
