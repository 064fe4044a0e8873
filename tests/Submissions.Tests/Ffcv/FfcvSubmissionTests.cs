using Bench.Contracts;
using Bench.Submissions.Ffcv;
using Bench.Submissions.Mechanisms;
using Bench.Tests.Shared;
using Bench.Workloads;
using static TorchSharp.torch;

namespace Bench.Submissions.Tests.Ffcv;

/// <summary>
/// ffcv and its control on a smoke-scale cifar10 run (the 5k subset, stored as raw records): both stream the workload's
/// own split with its standardisation (the loaders' images equal the workload's training rows, flipped or not), keep the
/// baseline's batch size, and name the problem when the workload offers no stored files.
/// </summary>
public class FfcvSubmissionTests
{
    static readonly IWorkload Workload = WorkloadRegistry.Get("cifar10");

    static TrainingSetup Setup(IWorkloadRun run, nn.Module model, int seed) =>
        new("cifar10", Workload.Scale("smoke"), Workload.Baseline("smoke"), model, TorchFixture.Cpu, new WorkloadAccess(run, seed));

    [Theory]
    [InlineData("ffcv")]
    [InlineData("ffcv-naive-loader")]
    public void The_batches_are_the_workloads_own_training_rows_flipped_or_not_at_the_baselines_batch_size(string id)
    {
        using var run = Workload.Open(new RunContext(Workload.Scale("smoke"), 0, TorchFixture.Cpu, TestData.Root));
        using var model = run.CreateModel();
        using var method = SubmissionRegistry.Get(id).Create(Setup(run, model, seed: 2));
        var source = method.TrainBatches(run.TrainBatches(2));
        var split = run.TrainingSplit!;
        var seen = new HashSet<long>();
        int flipped = 0, same = 0;

        Assert.Equal(Workload.Baseline("smoke").BatchSize, method.BatchSize);
        for (var b = 0; b < 5; b++)
        {
            using var scope = NewDisposeScope();
            var batch = source.Next(method.BatchSize);
            using var rows = tensor(batch.ExampleIds!);
            var own = split.Inputs.index_select(0, rows);
            Assert.True(batch.Targets.equal(split.Targets.index_select(0, rows)).all().item<bool>());
            for (var r = 0; r < batch.Size; r++)
            {
                seen.Add(batch.ExampleIds![r]);
                // Exactly the workload's standardised pixels (same decoder, same float32 operations), or their mirror image.
                if (batch.Inputs[r].equal(own[r]).all().item<bool>()) same++;
                else if (batch.Inputs[r].equal(own[r].flip(2)).all().item<bool>()) flipped++;
                else Assert.Fail($"row {r} of batch {b} is neither example {batch.ExampleIds[r]} of the workload's split nor its flip");
            }
        }
        Assert.Equal(5 * method.BatchSize, seen.Count);
        Assert.InRange(flipped, same / 2, same * 2);
    }

    [Fact]
    public void The_control_is_registered_as_ffcvs_paper_control()
    {
        Assert.Equal("ffcv-naive-loader", SubmissionRegistry.PaperControls["ffcv"]);
        Assert.Equal("ffcv", SubmissionRegistry.Get("ffcv-naive-loader").PaperId);
    }

    [Theory]
    [InlineData("ffcv")]
    [InlineData("ffcv-naive-loader")]
    public void A_workload_without_stored_files_is_a_config_error_naming_the_submission(string id)
    {
        using var model = nn.Linear(2, 2);
        var setup = new TrainingSetup("cifar10", Workload.Scale("smoke"), Workload.Baseline("smoke"), model, TorchFixture.Cpu, NoDataRun.Access);

        var error = Assert.Throws<ConfigException>(() => SubmissionRegistry.Get(id).Create(setup));

        Assert.StartsWith($"{id} loads the training images from their stored files", error.Message);
    }
}
