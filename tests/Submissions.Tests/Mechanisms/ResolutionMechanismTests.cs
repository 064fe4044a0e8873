using Bench.Contracts;
using Bench.Submissions.Mechanisms;
using Bench.Tests.Shared;
using Bench.Workloads.Cifar10;
using TorchSharp;
using static TorchSharp.torch;

namespace Bench.Submissions.Tests.Mechanisms;

/// <summary>
/// Golden tests of the shared resolution-schedule mechanism: phase lookup, even sides and inverse batch scaling, the
/// FLOPs of the cifar10 SmallResNet at 16 and 24 px by hand, the resize, and sub-batch BatchNorm.
/// </summary>
public class ResolutionMechanismTests
{
    static readonly int[] CpuWidths = [16, 32, 64];

    [Fact]
    public void A_step_trains_in_the_first_phase_whose_end_lies_beyond_the_examples_seen_and_the_last_phase_goes_on()
    {
        var schedule = new ResolutionSchedule([new(16, 1024, 4, 2048), new(24, 455, 455 / 256.0, 2958), new(32, 256, 1, 3214)]);
        Assert.Equal(0, schedule.PhaseAt(0));
        Assert.Equal(0, schedule.PhaseAt(2047));
        Assert.Equal(1, schedule.PhaseAt(2048));
        Assert.Equal(2, schedule.PhaseAt(2958));
        Assert.Equal(2, schedule.PhaseAt(1e9));
        Assert.Equal(3214, schedule.TotalExamples);
        Assert.Throws<ArgumentException>(() => new ResolutionSchedule([new(16, 64, 1, 100), new(32, 64, 1, 100)]));
    }

    [Fact]
    public void Sides_are_spaced_evenly_and_the_batch_keeps_the_pixels_of_a_step()
    {
        Assert.Equal([16, 24, 32], ResolutionSchedule.EvenSides(16, 32, 3));
        Assert.Equal([32], ResolutionSchedule.EvenSides(16, 32, 1));
        Assert.Equal([16, 21, 27, 32], ResolutionSchedule.EvenSides(16, 32, 4));
        // 256 x (32/16)² = 1024; 256 x (32/24)² = 455.1 -> 455; at 32: 256.
        Assert.Equal(1024, ResolutionSchedule.BatchForSide(256, 32, 16));
        Assert.Equal(455, ResolutionSchedule.BatchForSide(256, 32, 24));
        Assert.Equal(256, ResolutionSchedule.BatchForSide(256, 32, 32));
    }

    [Fact]
    public void FLOPs_at_16_and_24_px_are_the_workload_formula_at_that_side_by_hand()
    {
        _ = TorchFixture.Cpu;
        using var model = new SmallResNet(CpuWidths, 10);
        var workload = 3 * SmallResNet.ForwardFlops(CpuWidths, 10);
        // By hand at 32 px (widths 16-32-64, 10 classes): first stem 2·32²·3·16·9 = 884,736; then five terms of 2,359,296 each:
        // stage 1's residual pair 2·(2·16²·16·16·9), stage 2's stem 2·16²·16·32·9 and pair 2·(2·8²·32·32·9), stage 3's stem
        // 2·8²·32·64·9 and pair 2·(2·4²·64·64·9); head 2·64·10 = 1,280.
        Assert.Equal(3 * (884_736 + 5 * 2_359_296 + 1_280.0), workload);
        // At 16 px every convolution's grid has a quarter of the positions: 221,184 + 5 x 589,824 + 1,280 = 3,171,584 forward.
        Assert.Equal(3 * 3_171_584.0, ResolutionFlops.TrainFlopsPerExample(model, workload, 32, 16), 6);
        // At 24 px, 9/16 of the positions (grids 24, 12, 6, 3): 497,664 + 5 x 1,327,104 + 1,280 = 7,134,464 forward.
        Assert.Equal(3 * 7_134_464.0, ResolutionFlops.TrainFlopsPerExample(model, workload, 32, 24), 6);
        Assert.Equal(workload, ResolutionFlops.TrainFlopsPerExample(model, workload, 32, 32));
        // 20 px does not halve evenly through three poolings: no formula the model runs.
        Assert.Throws<ArgumentException>(() => ResolutionFlops.TrainFlopsPerExample(model, workload, 32, 20));
    }

    [Theory]
    [InlineData(16)]
    [InlineData(24)]
    [InlineData(32)]
    public void The_SmallResNet_with_global_max_pooling_runs_at_16_24_and_32_px(int side)
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var model = new SmallResNet(CpuWidths, 10);
        var output = model.forward(randn(5, 3, side, side));
        Assert.Equal([5L, 10], output.shape);
    }

    [Fact]
    public void A_downsampled_batch_keeps_its_examples_and_from_32_to_16_px_is_the_mean_of_each_2x2_block()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        var images = randn(7, 3, 32, 32);
        var small = ImageResize.To(images, 16);
        Assert.Equal([7L, 3, 16, 16], small.shape);
        var blocks = nn.functional.avg_pool2d(images, 2);
        Assert.True(small.allclose(blocks, rtol: 1e-5, atol: 1e-6));
        Assert.Equal([7L, 3, 24, 24], ImageResize.To(images, 24).shape);
        Assert.Same(images, ImageResize.To(images, 32));
    }

    [Fact]
    public void Sub_batch_forward_normalises_each_part_alone_in_training_and_runs_the_whole_batch_in_evaluation()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var norm = nn.BatchNorm1d(3);
        var wrapped = new SubBatchForward(new Lambda(norm)) { Splits = 2 };
        var x = cat([randn(4, 3), randn(4, 3).mul(5).add(3)], 0);
        wrapped.train();
        var y = wrapped.forward(x);
        // Each half normalised by its own statistics: every column of each half has mean 0.
        Assert.True(y.narrow(0, 0, 4).mean([0]).abs().max().item<float>() < 1e-5);
        Assert.True(y.narrow(0, 4, 4).mean([0]).abs().max().item<float>() < 1e-5);
        wrapped.Splits = 1;
        var whole = wrapped.forward(x);
        Assert.False(whole.narrow(0, 0, 4).mean([0]).abs().max().item<float>() < 1e-3);
        wrapped.eval();
        wrapped.Splits = 2;
        Assert.True(wrapped.forward(x).allclose(norm.forward(x)));
    }

    sealed class Lambda : nn.Module<Tensor, Tensor>
    {
        readonly nn.Module<Tensor, Tensor> inner;

        public Lambda(nn.Module<Tensor, Tensor> inner) : base(nameof(Lambda))
        {
            this.inner = inner;
            RegisterComponents();
        }

        public override Tensor forward(Tensor x) => inner.forward(x);
    }
}
