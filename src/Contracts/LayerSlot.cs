using TorchSharp;

namespace Bench.Contracts;

/// <summary>
/// One replaceable layer of a model (<see cref="IReplaceableLayers"/>): its stable name, what it computes, and the
/// module that computes it now.
/// </summary>
/// <param name="Name">
/// The layer's path in the model's module tree (<c>named_modules()</c>), e.g. <c>blocks.0.expand</c>: stable for a given
/// model shape, and the prefix of the layer's parameter names.
/// </param>
/// <param name="Kind">The map the layer computes.</param>
/// <param name="Role">What the layer does in the model.</param>
/// <param name="Inputs">Input features (channels for a convolution, table rows for an embedding bag, the residual width for a block).</param>
/// <param name="Outputs">Output features (channels for a convolution, the residual width for a block).</param>
/// <param name="KernelSize">The convolution's kernel side (1 for a linear layer, ids per bag for an embedding bag).</param>
/// <param name="PositionsPerExample">
/// How many times one example's forward pass applies the layer's map: tokens for a transformer's layers, output
/// positions for a convolution, 1 for a classifier head, the tokens of an example for a block. The layer's FLOPs per example are this times its FLOPs per
/// position (<see cref="LayerFlops"/>).
/// </param>
/// <param name="Module">The module that computes the layer now: the original layer or a replacement.</param>
/// <param name="Hidden">
/// The hidden width of a <see cref="LayerKind.FeedForward"/> unit (4 x width for a transformer's); 0 for other kinds.
/// </param>
public sealed record LayerSlot(
    string Name,
    LayerKind Kind,
    LayerRole Role,
    int Inputs,
    int Outputs,
    int KernelSize,
    double PositionsPerExample,
    torch.nn.Module<torch.Tensor, torch.Tensor> Module,
    int Hidden = 0)
{
    /// <summary>Weights per (input, output) pair: 1 for a linear layer, k for a 1-D and k² for a 2-D convolution.</summary>
    public int KernelElements => Kind switch
    {
        LayerKind.Conv1d => KernelSize,
        LayerKind.Conv2d => KernelSize * KernelSize,
        _ => 1,
    };

    /// <summary>
    /// This slot as seen from a parent module that holds the layer's module under <paramref name="prefix"/> and applies
    /// it <paramref name="applications"/> times per example (a block's layers inside a model of that many tokens).
    /// </summary>
    public LayerSlot Within(string prefix, double applications) =>
        this with { Name = $"{prefix}.{Name}", PositionsPerExample = PositionsPerExample * applications };
}
