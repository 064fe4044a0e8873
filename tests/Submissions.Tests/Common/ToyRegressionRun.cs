using Bench.Contracts;
using TorchSharp;
using static TorchSharp.torch;

namespace Bench.Submissions.Tests.Common;

/// <summary>
/// A one-weight regression run for method tests that use <see cref="WorkloadAccess"/>: the model is y = w*x
/// (no bias, w starts at 0), training targets are y = <paramref name="trainSlope"/> * x and held-out targets
/// y = <paramref name="heldOutSlope"/> * x, so the best weight on each part is known exactly.
/// </summary>
public sealed class ToyRegressionRun(double trainSlope, double heldOutSlope) : IWorkloadRun
{
    public double TrainFlopsPerExample => 6;

    public nn.Module CreateModel()
    {
        var model = nn.Linear(1, 1, hasBias: false);
        using (no_grad()) model.weight!.fill_(0);
        return model;
    }

    public IBatchSource TrainBatches(int seed) => new Line(trainSlope, seed);

    public IBatchSource TrainBatches(int seed, TrainStream split) => new Line(trainSlope, seed);

    public IBatchSource HeldOutBatches(int seed, TrainStream split) => new Line(heldOutSlope, seed + 1);

    public Tensor Loss(nn.Module model, Batch batch) =>
        nn.functional.mse_loss(((nn.Module<Tensor, Tensor>)model).forward(batch.Inputs), batch.Targets);

    public Evaluation Evaluate(nn.Module model) => throw new InvalidOperationException("methods never evaluate");

    public void Dispose() { }

    /// <summary>Inputs uniform in [1, 2], so every batch carries signal.</summary>
    sealed class Line(double slope, int seed) : IBatchSource
    {
        readonly Random random = new(seed);

        public Batch Next(int size)
        {
            var x = Enumerable.Range(0, size).Select(_ => (float)(1 + random.NextDouble())).ToArray();
            var inputs = tensor(x, [size, 1]);
            return new Batch(inputs, inputs * slope);
        }
    }
}
