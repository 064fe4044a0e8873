using Bench.Contracts;
using TorchSharp;

namespace Bench.Tests.Shared;

/// <summary>Plain SGD at the recipe's learning rate: the smallest possible submission.</summary>
public sealed class SgdSubmission : ISubmission
{
    public string Id => "sgd";
    public string PaperId => "test";
    public string Description => "test fake";

    public WorkloadApplicability AppliesTo => WorkloadApplicability.Every;

    public TrainingMethod Create(TrainingSetup setup) => new Method(setup.Model, torch.optim.SGD(setup.Model.parameters(), setup.Baseline.LearningRate),
        setup.Baseline.BatchSize);

    sealed class Method(torch.nn.Module model, torch.optim.Optimizer optimizer, int batchSize) : TrainingMethod
    {
        public override torch.nn.Module Model => model;
        public override int BatchSize => batchSize;
        public override void OptimizerStep(TrainingState state) => optimizer.step();
    }
}
