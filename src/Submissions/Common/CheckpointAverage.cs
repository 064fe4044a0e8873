using TorchSharp;
using TorchSharp.Modules;

namespace Bench.Submissions.Common;

/// <summary>
/// The uniform average of the latest checkpoints, loaded into a model: floating-point parameters and buffers
/// are averaged, integer buffers (BatchNorm's batch counter) come from the newest checkpoint. BatchNorm
/// running statistics of averaged weights are not the average of the statistics, so <see cref="RecomputeBatchNorm"/>
/// re-estimates them from recent training batches. Lawa averages with it and lcsc combines with it.
/// </summary>
public static class CheckpointAverage
{
    /// <summary>Writes the mean of <paramref name="checkpoints"/> (oldest first) into <paramref name="model"/>.</summary>
    public static void LoadInto(torch.nn.Module model, IReadOnlyList<Snapshot> checkpoints) =>
        LoadCombination(model, checkpoints, [.. Enumerable.Repeat(1.0 / checkpoints.Count, checkpoints.Count)]);

    /// <summary>
    /// Writes the linear combination sum_i c_i * checkpoint_i into <paramref name="model"/> (LCSC's searched
    /// coefficients; the uniform average is c_i = 1/k). Integer buffers come from the newest checkpoint.
    /// </summary>
    public static void LoadCombination(torch.nn.Module model, IReadOnlyList<Snapshot> checkpoints, IReadOnlyList<double> coefficients)
    {
        if (coefficients.Count != checkpoints.Count)
            throw new ArgumentException($"{coefficients.Count} coefficients for {checkpoints.Count} checkpoints");
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var live = Snapshot.Live(model);
        for (var i = 0; i < live.Count; i++)
        {
            if (!live[i].is_floating_point()) { live[i].copy_(checkpoints[^1].Tensors[i]); continue; }
            var sum = torch.zeros_like(live[i]);
            for (var c = 0; c < checkpoints.Count; c++) sum.add_(checkpoints[c].Tensors[i], alpha: coefficients[c]);
            live[i].copy_(sum);
        }
    }

    /// <summary>Whether <paramref name="model"/> has BatchNorm layers whose statistics depend on the weights.</summary>
    public static bool HasBatchNorm(torch.nn.Module model) => BatchNorms(model).Any();

    /// <summary>
    /// Resets every BatchNorm's running statistics and re-estimates them as the plain mean over
    /// <paramref name="inputs"/> (momentum 1/(r+1) for the r-th batch makes the running average cumulative).
    /// Returns the examples it ran forward (0 without BatchNorm), for the caller to charge.
    /// </summary>
    public static long RecomputeBatchNorm(torch.nn.Module<torch.Tensor, torch.Tensor> model, IReadOnlyList<torch.Tensor> inputs)
    {
        var norms = BatchNorms(model).ToList();
        if (norms.Count == 0 || inputs.Count == 0) return 0;
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var momenta = norms.Select(n => n.momentum).ToList();
        foreach (var norm in norms) norm.reset_running_stats();
        model.train();
        for (var r = 0; r < inputs.Count; r++)
        {
            foreach (var norm in norms) norm.momentum = 1.0 / (r + 1);
            model.forward(inputs[r]);
        }
        for (var i = 0; i < norms.Count; i++) norms[i].momentum = momenta[i];
        return inputs.Sum(input => input.shape[0]);
    }

    static IEnumerable<BatchNorm> BatchNorms(torch.nn.Module model) => model.modules().OfType<BatchNorm>();
}
