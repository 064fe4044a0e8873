using Bench.Contracts;
using Bench.Submissions.Common;
using Bench.Tests.Shared;
using TorchSharp;

namespace Bench.Submissions.Tests.Common;

public class MethodDecoratorTests
{
    [Fact]
    public void A_decorator_passes_the_inner_methods_reported_cost_through()
    {
        _ = TorchFixture.Cpu;
        using var model = torch.nn.Linear(2, 1);
        using var method = new Passthrough(new Priced(model, 5));

        Assert.Equal(5, method.FlopsPerExample);
    }

    sealed class Passthrough(TrainingMethod inner) : MethodDecorator(inner);

    sealed class Priced(torch.nn.Module model, double flops) : TrainingMethod
    {
        public override torch.nn.Module Model => model;
        public override int BatchSize => 1;
        public override double? FlopsPerExample => flops;
        public override void OptimizerStep(TrainingState state) { }
    }
}
