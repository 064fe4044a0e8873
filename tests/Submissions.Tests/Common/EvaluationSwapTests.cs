using Bench.Submissions.Common;
using Bench.Tests.Shared;
using TorchSharp;

namespace Bench.Submissions.Tests.Common;

public class EvaluationSwapTests
{
    static float Weight(TorchSharp.Modules.Linear model) => model.weight!.data<float>()[0];

    [Fact]
    public void Before_anything_is_captured_the_training_weights_are_evaluated()
    {
        _ = TorchFixture.Cpu;
        using var model = torch.nn.Linear(1, 1, hasBias: false);
        using var swap = new EvaluationSwap();
        Weights.Fill(model, 2);

        Assert.False(swap.SwapIn(model));
        Assert.False(swap.IsSwappedIn);
        Assert.Equal(2f, Weight(model));
        swap.SwapOut(model);                                // nothing to put back
        Assert.Equal(2f, Weight(model));
    }

    [Fact]
    public void Evaluation_sees_the_captured_weights_and_training_gets_back_the_weights_it_had_at_the_swap()
    {
        _ = TorchFixture.Cpu;
        using var model = torch.nn.Linear(1, 1, hasBias: false);
        using var swap = new EvaluationSwap();
        Weights.Fill(model, 3);
        swap.Capture(model);                                // e.g. the average of checkpoints
        Weights.Fill(model, 5);                             // training moved on since the capture

        Assert.True(swap.SwapIn(model));
        Assert.True(swap.IsSwappedIn);
        Assert.Equal(3f, Weight(model));
        swap.SwapOut(model);
        Assert.False(swap.IsSwappedIn);
        Assert.Equal(5f, Weight(model));

        Weights.Fill(model, 6);
        swap.SwapOut(model);                                // a second SwapOut must not rewind training
        Assert.Equal(6f, Weight(model));

        Weights.Fill(model, 8);
        swap.Capture(model);                                // a later capture replaces the first
        Weights.Fill(model, 9);
        swap.SwapIn(model);
        Assert.Equal(8f, Weight(model));
        swap.SwapOut(model);
        Assert.Equal(9f, Weight(model));
    }
}
