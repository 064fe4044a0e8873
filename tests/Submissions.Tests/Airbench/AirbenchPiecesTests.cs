using Bench.Contracts;
using Bench.Submissions.Airbench;
using Bench.Submissions.Tests.Common;
using Bench.Tests.Shared;
using Bench.Workloads.Cifar10;
using TorchSharp;

namespace Bench.Submissions.Tests.Airbench;

/// <summary>airbench's own pieces (the whitened network and the alternating flip) and how it builds them from the workload.</summary>
public class AirbenchPiecesTests
{
    [Fact]
    public void The_whitening_layer_decorrelates_2x2_patches()
    {
        _ = TorchFixture.Cpu;
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(0);
        // Smooth, correlated images: neighbouring pixels and channels share most of their value.
        var images = torch.nn.functional.avg_pool2d(torch.randn(64, 1, 18, 18), 3, 1).repeat(1, 3, 1, 1).add(torch.randn(64, 3, 16, 16).mul(0.3));
        var (values, vectors) = AirbenchNet.WhiteningBasis(images);
        Assert.True(values[0].item<float>() > 10 * values[values.shape[0] - 1].item<float>(), "the test images should be strongly correlated");

        using var net = new AirbenchNet([8, 8, 8], 10);
        net.InitialiseWhitening(images, epsilon: 0);
        var whitenWeight = net.named_parameters().First(p => p.name == "whiten.weight").parameter;
        Assert.False(whitenWeight.requires_grad);
        // The first 12 filters are the whitening transform: their responses have identity (uncentred) covariance.
        var responses = torch.nn.functional.conv2d(images, whitenWeight.narrow(0, 0, AirbenchNet.PatchValues)).transpose(0, 1)
            .reshape(AirbenchNet.PatchValues, -1);
        var covariance = responses.matmul(responses.t()).div(responses.shape[1]);
        Assert.True(covariance.allclose(torch.eye(AirbenchNet.PatchValues), rtol: 0, atol: 1e-2), "whitened patch responses should have identity covariance");
        Assert.Equal(new long[] { 5, 10 }, net.forward(torch.randn(5, 3, 32, 32)).shape);
    }

    [Fact]
    public void Every_image_is_flipped_in_alternate_epochs()
    {
        _ = TorchFixture.Cpu;
        using var scope = torch.NewDisposeScope();
        const int count = 6;
        // Image i is a ramp from i to i + 1 across its width: its flip is recognisable.
        var ramp = torch.linspace(0, 1, 4).view(1, 1, 1, 4);
        var images = torch.arange(count, dtype: torch.float32).view(count, 1, 1, 1).add(ramp).expand(count, 3, 4, 4).contiguous();
        var source = new AlternatingFlipSource(images, torch.arange(count), seed: 3);
        var flippedByEpoch = new List<bool[]>();
        for (var epoch = 0; epoch < 4; epoch++)
        {
            var batch = source.Next(count);
            var flipped = new bool[count];
            for (var i = 0; i < count; i++)
            {
                var label = batch.Targets[i].item<long>();
                flipped[label] = batch.Inputs[i, 0, 0, 0].item<float>() > batch.Inputs[i, 0, 0, 3].item<float>();
            }
            flippedByEpoch.Add(flipped);
        }
        for (var epoch = 1; epoch < 4; epoch++)
            for (var i = 0; i < count; i++)
                Assert.NotEqual(flippedByEpoch[epoch - 1][i], flippedByEpoch[epoch][i]);
        Assert.Contains(true, flippedByEpoch[0]);
        Assert.Contains(false, flippedByEpoch[0]);
    }

    [Fact]
    public void Alternating_flip_batches_carry_the_ids_of_the_images_drawn_once_per_epoch()
    {
        _ = TorchFixture.Cpu;
        using var scope = torch.NewDisposeScope();
        const int count = 6;
        var images = torch.arange(count, dtype: torch.float32).view(count, 1, 1, 1).expand(count, 3, 2, 2).contiguous();
        var source = new AlternatingFlipSource(images, torch.arange(count).add(10), seed: 3);
        for (var epoch = 0; epoch < 2; epoch++)
        {
            var batch = source.Next(count);
            Assert.Equal(batch.ExampleIds!.Select(id => (float)id), batch.Inputs[.., 0, 0, 0].data<float>().ToArray());
            Assert.Equal(batch.ExampleIds!.Select(id => id + 10), batch.Targets.data<long>().ToArray());
            Assert.Equal(Enumerable.Range(0, count).Select(i => (long)i), batch.ExampleIds!.Order());
        }
    }

    [Fact]
    public void On_cifar10_airbench_builds_its_own_network_and_streams_alternating_flips_over_the_training_split()
    {
        _ = TorchFixture.Cpu;
        var workload = new Cifar10Workload();
        var scale = workload.Scale("smoke");
        using var run = workload.Open(new RunContext(scale, 0, TorchFixture.Cpu, TestData.Root));
        Assert.Equal(new long[] { 3, 32, 32 }, run.InputShape);
        Assert.Equal(10, run.Classes);
        using var model = TrialRunnerModel(run);
        using var method = new AirbenchSubmission()
            .Create(new TrainingSetup(workload.Id, scale, workload.Baseline("smoke"), model, TorchFixture.Cpu, new WorkloadAccess(run, 5)));

        Assert.IsType<AirbenchNet>(method.Model);
        using var scope = torch.NewDisposeScope();
        var batch = method.TrainBatches(run.TrainBatches(5)).Next(8);
        // The same images, in the same order and flips, as an alternating-flip stream over the split with the trial's seed.
        var expected = new AlternatingFlipSource(run.TrainingSplit!.Inputs, run.TrainingSplit.Targets, seed: 5).Next(8);
        Assert.Equal(expected.ExampleIds, batch.ExampleIds);
        Assert.True(expected.Inputs.equal(batch.Inputs).all().item<bool>());
        Assert.Equal(new long[] { 8, 10 }, ((torch.nn.Module<torch.Tensor, torch.Tensor>)method.Model).forward(batch.Inputs).shape);
    }

    [Fact]
    public void A_workload_without_images_in_memory_is_refused_with_its_id()
    {
        _ = TorchFixture.Cpu;
        using var run = new ToyRegressionRun(1, 1);
        using var model = run.CreateModel();
        var scale = new WorkloadScale("smoke", new Target("loss", MetricDirection.Lower, 0.1), new Budget(60, 10), 8, "");
        var error = Assert.Throws<InvalidOperationException>(() => new AirbenchSubmission().Create(
            new TrainingSetup("toy", scale, new BaselineRecipe(8, 0.1, 0, 0), model, TorchFixture.Cpu, new WorkloadAccess(run, 0))));
        Assert.Contains("'toy'", error.Message);
    }

    static torch.nn.Module TrialRunnerModel(IWorkloadRun run) => Bench.Harness.Training.TrialRunner.CreateModel(run);
}
