using Bench.Contracts;
using Bench.Submissions.Common;
using Bench.Tests.Shared;
using TorchSharp;

namespace Bench.Submissions.Tests.Common;

public class OptimizerMethodTests
{
    [Fact]
    public void Each_step_uses_the_rate_the_schedule_gives_for_that_step()
    {
        _ = TorchFixture.Cpu;
        using var model = torch.nn.Linear(2, 1, hasBias: false);
        using (torch.no_grad()) model.weight!.fill_(1.0);
        var optimizer = torch.optim.SGD(model.parameters(), 1.0);
        using var method = new OptimizerMethod(model, optimizer, step => step == 0 ? 0.5 : 0.25, batchSize: 1);

        foreach (var step in new long[] { 0, 1 })
        {
            using var scope = torch.NewDisposeScope();
            model.zero_grad();
            model.forward(torch.ones(1, 2)).sum().backward(); // gradient 1 on each weight
            method.OptimizerStep(new TrainingState { Step = step });
        }

        // 1 - 0.5 - 0.25
        Assert.Equal(0.25f, model.weight!.data<float>()[0], 6);
    }
}
