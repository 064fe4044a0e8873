using Bench.Submissions.Common;
using Bench.Tests.Shared;
using TorchSharp;

namespace Bench.Submissions.Tests.Common;

public class NesterovSgdTests
{
    [Fact]
    public void Two_steps_match_the_hand_computed_update()
    {
        _ = TorchFixture.Cpu;
        using var scope = torch.NewDisposeScope();
        var w = new TorchSharp.Modules.Parameter(torch.tensor(new float[] { 1f }));
        using var sgd = new NesterovSgd([w], weightDecay: 0.1);
        foreach (var (rate, momentum) in new[] { (0.5, 0.9), (0.5, 0.8) })
        {
            w.grad = torch.tensor(new float[] { 2f });
            sgd.Step(rate, momentum);
        }
        // step 1: d = 2 + 0.1*1 = 2.1; v = 2.1; w = 1 - 0.5*(2.1 + 0.9*2.1) = 1 - 0.5*3.99 = -0.995
        // step 2: d = 2 + 0.1*(-0.995) = 1.9005; v = 0.8*2.1 + 1.9005 = 3.5805; w = -0.995 - 0.5*(1.9005 + 0.8*3.5805) = -3.37745
        Assert.Equal(-3.37745f, w.data<float>()[0], 4);
    }

    [Fact]
    public void The_in_place_step_gives_the_same_bits_as_the_formula_and_leaves_the_gradient_alone()
    {
        _ = TorchFixture.Cpu;
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(3);
        var w = new TorchSharp.Modules.Parameter(torch.randn(64, 33));
        var reference = w.detach().clone();
        var velocity = torch.zeros_like(reference);
        using var sgd = new NesterovSgd([w], weightDecay: 1e-4);
        foreach (var (rate, momentum) in new[] { (0.3, 0.95), (0.7, 0.9), (0.05, 0.85) })
        {
            var grad = torch.randn(64, 33);
            w.grad = grad.clone();
            sgd.Step(rate, momentum);

            var d = grad.add(reference, alpha: 1e-4);
            velocity.mul_(momentum).add_(d);
            reference.add_(d.add(velocity, alpha: momentum), alpha: -rate);
            Assert.Equal(reference.data<float>().ToArray(), w.detach().data<float>().ToArray());
            Assert.Equal(grad.data<float>().ToArray(), w.grad!.data<float>().ToArray());
        }
    }
}
