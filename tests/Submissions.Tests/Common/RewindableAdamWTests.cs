using Bench.Submissions.Common;
using Bench.Tests.Shared;
using TorchSharp;

namespace Bench.Submissions.Tests.Common;

public class RewindableAdamWTests
{
    static torch.nn.Module<torch.Tensor, torch.Tensor> Model()
    {
        torch.manual_seed(3);
        return torch.nn.Linear(4, 2);
    }

    static void Backward(torch.nn.Module<torch.Tensor, torch.Tensor> model, int step)
    {
        torch.manual_seed(100 + step);
        model.zero_grad();
        model.forward(torch.randn(8, 4)).pow(2).mean().backward();
    }

    [Fact]
    public void Its_updates_match_torch_AdamW()
    {
        _ = TorchFixture.Cpu;
        using var scope = torch.NewDisposeScope();
        var ours = Model();
        var reference = Model();
        using var adam = new RewindableAdamW(ours.parameters(), 0.9, 0.99, weightDecay: 0.1);
        using var torchAdam = torch.optim.AdamW(reference.parameters(), 0.01, 0.9, 0.99, weight_decay: 0.1);
        for (var step = 0; step < 5; step++)
        {
            Backward(ours, step);
            adam.Step(0.01);
            Backward(reference, step);
            torchAdam.step();
        }
        foreach (var (a, b) in ours.parameters().Zip(reference.parameters()))
            Assert.True(a.allclose(b, rtol: 1e-5, atol: 1e-7), "weights differ from torch.optim.AdamW");
    }

    [Fact]
    public void Restoring_the_saved_state_with_the_weights_replays_the_same_trajectory()
    {
        _ = TorchFixture.Cpu;
        using var scope = torch.NewDisposeScope();
        var model = Model();
        using var adam = new RewindableAdamW(model.parameters(), 0.9, 0.99, weightDecay: 0.1);
        Backward(model, 0);
        adam.Step(0.01);
        using var weights = Snapshot.Take(model);
        using var saved = adam.Save();

        for (var step = 1; step < 4; step++) { Backward(model, step); adam.Step(0.05); }
        var first = model.parameters().Select(p => p.detach().clone()).ToList();

        weights.RestoreInto(model);
        adam.Restore(saved);
        for (var step = 1; step < 4; step++) { Backward(model, step); adam.Step(0.05); }
        foreach (var (a, b) in model.parameters().Zip(first)) Assert.True(a.allclose(b, rtol: 0, atol: 0), "the replay diverged");
    }
}
