using Bench.Contracts;
using TorchSharp;

namespace Bench.Submissions.Tests.MultistageDataFiltering;

/// <summary>
/// A workload run that passes everything to <paramref name="inner"/> but records every batch scored through
/// <see cref="PerExampleLoss"/> and refuses <see cref="Evaluate"/>: what a method reaches through its
/// <see cref="WorkloadAccess"/>.
/// </summary>
public sealed class TrainingOnlyRun(IWorkloadRun inner) : IWorkloadRun
{
    /// <summary>Example ids and inputs (on the CPU) of every row scored.</summary>
    public List<(long Id, long[] Tokens)> Scored { get; } = [];

    /// <summary>Whether the model was in training mode at each scoring call.</summary>
    public List<bool> Modes { get; } = [];

    public double TrainFlopsPerExample => inner.TrainFlopsPerExample;

    public torch.nn.Module CreateModel() => inner.CreateModel();

    public IBatchSource TrainBatches(int seed) => inner.TrainBatches(seed);

    public IBatchSource TrainBatches(int seed, TrainStream stream) => inner.TrainBatches(seed, stream);

    public IBatchSource HeldOutBatches(int seed, TrainStream stream) => inner.HeldOutBatches(seed, stream);

    public IReadOnlyList<long>? InputShape => inner.InputShape;

    public int? Classes => inner.Classes;

    public Batch? TrainingSplit => inner.TrainingSplit;

    public string? DataDescription => inner.DataDescription;

    public torch.Tensor Loss(torch.nn.Module model, Batch batch) => inner.Loss(model, batch);

    public torch.Tensor PerExampleLoss(torch.nn.Module model, Batch batch)
    {
        Modes.Add(model.training);
        var length = (int)batch.Inputs.shape[1];
        var tokens = batch.Inputs.cpu().data<long>().ToArray();
        var ids = batch.ExampleIds ?? throw new InvalidOperationException("a scored batch without example ids");
        for (var i = 0; i < batch.Size; i++) Scored.Add((ids[i], tokens[(i * length)..((i + 1) * length)]));
        return inner.PerExampleLoss(model, batch);
    }

    public Evaluation Evaluate(torch.nn.Module model) => throw new InvalidOperationException("the method evaluated the model");

    public void Dispose() => inner.Dispose();
}
