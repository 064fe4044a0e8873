using Bench.Contracts;
using Bench.Submissions.Mechanisms;
using TorchSharp;
using static TorchSharp.torch;

namespace Bench.Submissions.SparseImagenetTransfer;

/// <summary>
/// Unstructured magnitude masks on a model's convolution weights, layer by layer (uniform sparsity, as in Zhu and Gupta):
/// <see cref="Prune"/> keeps each layer's largest-magnitude weights at a sparsity and zeroes the rest; <see cref="Apply"/>
/// zeroes the pruned weights again after an optimizer step (AdamW's moments and weight decay would move them) and
/// <see cref="MaskGradients"/> clears their gradients. Weights pruned stay pruned: their magnitude is 0, below every kept one.
/// </summary>
public sealed class MagnitudePruner : IDisposable
{
    readonly List<(string Name, Tensor Weight, Tensor? Mask)> layers;

    MagnitudePruner(List<(string, Tensor, Tensor?)> layers) => this.layers = layers;

    /// <summary>
    /// A pruner over every convolution of <paramref name="model"/> (<see cref="LayerRole.Convolution"/>); the head stays
    /// dense (the transfer study replaces it). Nothing is pruned until <see cref="Prune"/>.
    /// </summary>
    /// <exception cref="ConfigException">The model lists no convolution, or one is no longer a dense layer with a weight.</exception>
    public static MagnitudePruner OverConvolutions(IReplaceableLayers model)
    {
        var slots = model.Layers.Where(s => s.Role == LayerRole.Convolution).ToList();
        if (slots.Count == 0) throw new ConfigException("gradual magnitude pruning prunes convolutions; the model lists none");
        return new MagnitudePruner([.. slots.Select(s => (s.Name, WeightOf(s), (Tensor?)null))]);
    }

    /// <summary>A pruner whose masks are the non-zero pattern of <paramref name="model"/>'s convolution weights now (a pruned model's mask).</summary>
    public static MagnitudePruner FromZeros(IReplaceableLayers model)
    {
        var pruner = OverConvolutions(model);
        using var noGrad = no_grad();
        for (var i = 0; i < pruner.layers.Count; i++)
        {
            var (name, weight, _) = pruner.layers[i];
            pruner.layers[i] = (name, weight, weight.ne(0).to(weight.dtype).DetachFromDisposeScope());
        }
        return pruner;
    }

    static Tensor WeightOf(LayerSlot slot) =>
        slot.Module.named_parameters(recurse: false).FirstOrDefault(p => p.name == "weight").parameter
        ?? throw new ConfigException($"gradual magnitude pruning needs a dense weight in '{slot.Name}'; it is computed by {slot.Module.GetName()}");

    /// <summary>The pruned layers' names, in forward order.</summary>
    public IReadOnlyList<string> Names => [.. layers.Select(l => l.Name)];

    /// <summary>The pruned layers' weights (the model's own parameters), in forward order.</summary>
    public IReadOnlyList<Tensor> Weights => [.. layers.Select(l => l.Weight)];

    /// <summary>Weights of the pruned layers.</summary>
    public long Entries => layers.Sum(l => l.Weight.numel());

    /// <summary>The fraction of the pruned layers' weights that are exactly zero now.</summary>
    public double Sparsity()
    {
        using var scope = NewDisposeScope();
        return layers.Sum(l => l.Weight.eq(0).sum().item<long>()) / (double)Entries;
    }

    /// <summary>Re-computes every layer's mask at <paramref name="sparsity"/> from the weights' magnitudes and applies it.</summary>
    public void Prune(double sparsity)
    {
        if (sparsity <= 0) return;
        for (var i = 0; i < layers.Count; i++)
        {
            var (name, weight, mask) = layers[i];
            mask?.Dispose();
            layers[i] = (name, weight, MagnitudeMask.For(weight, sparsity).DetachFromDisposeScope());
        }
        Apply();
    }

    /// <summary>Zeroes the pruned weights (after every optimizer step).</summary>
    public void Apply()
    {
        using var noGrad = no_grad();
        foreach (var (_, weight, mask) in layers)
            if (mask is not null) weight.mul_(mask);
    }

    /// <summary>Zeroes the pruned weights' gradients (after backward), so the optimizer's moments never hold them.</summary>
    public void MaskGradients()
    {
        using var noGrad = no_grad();
        foreach (var (_, weight, mask) in layers)
            if (mask is not null && weight.grad is { } grad) grad.mul_(mask);
    }

    public void Dispose()
    {
        foreach (var (_, _, mask) in layers) mask?.Dispose();
        layers.Clear();
    }
}
