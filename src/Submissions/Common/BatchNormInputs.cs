using Bench.Contracts;
using TorchSharp;

namespace Bench.Submissions.Common;

/// <summary>
/// The inputs of the latest few training batches, kept so that the BatchNorm statistics of weights the model
/// never trained with (an average or combination of checkpoints) can be re-estimated. Nothing is kept for models
/// without BatchNorm.
/// </summary>
public sealed class BatchNormInputs(int capacity) : IDisposable
{
    readonly Queue<torch.Tensor> recent = new();

    /// <summary>How many inputs are kept now.</summary>
    public int Count => recent.Count;

    /// <summary>Keeps a detached copy of <paramref name="inputs"/> when <paramref name="model"/> has BatchNorm.</summary>
    public void Record(torch.nn.Module model, torch.Tensor inputs)
    {
        if (!CheckpointAverage.HasBatchNorm(model)) return;
        recent.Enqueue(inputs.detach().clone().DetachFromDisposeScope());
        while (recent.Count > capacity) recent.Dequeue().Dispose();
    }

    /// <summary>
    /// Re-estimates the BatchNorm statistics of <paramref name="model"/>'s current weights on the kept inputs and
    /// charges their forward passes to <paramref name="state"/> (nothing for models without BatchNorm).
    /// </summary>
    public void Reestimate(torch.nn.Module model, TrainingState state)
    {
        if (model is torch.nn.Module<torch.Tensor, torch.Tensor> forward)
            state.Charge(CheckpointAverage.RecomputeBatchNorm(forward, [.. recent]) * TrainingState.ForwardOnly);
    }

    public void Dispose()
    {
        foreach (var input in recent) input.Dispose();
        recent.Clear();
    }
}
