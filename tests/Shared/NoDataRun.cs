using Bench.Contracts;
using TorchSharp;

namespace Bench.Tests.Shared;

/// <summary>
/// The data access of a test that builds a method by hand for a method that reads no workload data (an averaging or a
/// schedule test): every member that would reach data fails, naming the test's omission.
/// </summary>
public sealed class NoDataRun : IWorkloadRun
{
    /// <summary>An access object over no data, as <see cref="TrainingSetup.Data"/> of a hand-built method.</summary>
    public static WorkloadAccess Access { get; } = new(new NoDataRun(), seed: 0);

    public double TrainFlopsPerExample => 1;

    public torch.nn.Module CreateModel() => throw Omitted();

    public IBatchSource TrainBatches(int seed) => throw Omitted();

    public torch.Tensor Loss(torch.nn.Module model, Batch batch) => throw Omitted();

    public Evaluation Evaluate(torch.nn.Module model) => throw Omitted();

    public void Dispose() { }

    static InvalidOperationException Omitted() =>
        new("this test gave the method no workload data (NoDataRun); build its setup over a real or toy run instead");
}
