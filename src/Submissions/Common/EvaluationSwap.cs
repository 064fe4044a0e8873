using TorchSharp;

namespace Bench.Submissions.Common;

/// <summary>
/// Weights that evaluation sees instead of the training weights (lawa's average, lcsc's combination): swapped
/// into the model for an evaluation, and the training weights swapped back before the next training step.
/// The model is shared with the harness, so the swap copies values in place instead of handing out another module.
/// </summary>
public sealed class EvaluationSwap : IDisposable
{
    Snapshot? evaluated;
    Snapshot? training;
    bool swapped;

    /// <summary>Whether evaluation weights have been captured yet (before that, the training weights are evaluated).</summary>
    public bool HasEvaluationWeights => evaluated is not null;

    /// <summary>Whether the model holds the evaluation weights now.</summary>
    public bool IsSwappedIn => swapped;

    /// <summary>Remembers <paramref name="model"/>'s current weights as the ones to evaluate from now on.</summary>
    public void Capture(torch.nn.Module model)
    {
        if (evaluated is null) evaluated = Snapshot.Take(model); else evaluated.CopyFrom(model);
    }

    /// <summary>
    /// Saves the training weights and loads the captured evaluation weights into <paramref name="model"/>;
    /// false (and the model untouched) when nothing has been captured yet.
    /// </summary>
    public bool SwapIn(torch.nn.Module model)
    {
        if (evaluated is null) return false;
        if (training is null) training = Snapshot.Take(model); else training.CopyFrom(model);
        evaluated.RestoreInto(model);
        swapped = true;
        return true;
    }

    /// <summary>Puts the training weights back if an evaluation swapped them out; otherwise does nothing.</summary>
    public void SwapOut(torch.nn.Module model)
    {
        if (!swapped) return;
        training!.RestoreInto(model);
        swapped = false;
    }

    public void Dispose()
    {
        evaluated?.Dispose();
        training?.Dispose();
    }
}
