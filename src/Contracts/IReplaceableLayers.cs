using TorchSharp;

namespace Bench.Contracts;

/// <summary>
/// Implemented by a workload model whose layers a method may replace (dense to factorised, dense to masked or sparse,
/// feed-forward to mixture of experts) without knowing the model's class or its parameter names: the model lists its
/// replaceable layers by stable name, kind, role and shape, and swaps one for another module of the same input/output
/// contract, registered in its place so the new parameters train, move with <c>to()</c> and appear in
/// <c>parameters()</c> and <c>state_dict()</c> (under the layer's name), and the old ones no longer do.
/// </summary>
/// <remarks>
/// Replace layers in <c>Create</c>, before building the optimizer over <c>Model.parameters()</c>; a method that replaces
/// layers later must rebuild (or extend) its optimizer itself. A method that changes the cost of a step reports it with
/// <see cref="TrainingMethod.FlopsPerExample"/>, which <see cref="LayerFlops.TrainFlopsPerExample"/> computes from the
/// layers.
/// </remarks>
public interface IReplaceableLayers
{
    /// <summary>The replaceable layers in forward order, each with the module that computes it now.</summary>
    IReadOnlyList<LayerSlot> Layers { get; }

    /// <summary>
    /// The model's replaceable blocks in forward order (<see cref="LayerKind.Block"/>: a transformer block as a whole), for a
    /// method that wraps or replaces a block rather than one of its layers (drop or route tokens around it). Their layers
    /// are listed in <see cref="Layers"/>, which alone <see cref="LayerFlops"/> counts; a block's replacement lists the layers
    /// it computes if it implements <see cref="IReplaceableLayers"/> itself (a wrapper lists the wrapped block's, priced at
    /// the tokens it passes them), else none. Default: none (a model without blocks, or one that does not offer them).
    /// </summary>
    IReadOnlyList<LayerSlot> Blocks => [];

    /// <summary>
    /// Units made of several of <see cref="Layers"/> that may be replaced as a whole, in forward order: a transformer
    /// block's feed-forward network (<see cref="LayerRole.FeedForward"/>: its two linear layers and the activation), which a
    /// mixture of experts replaces. While a unit is its original layers, <see cref="Layers"/> lists those layers and not
    /// the unit (so FLOPs and parameters are counted once); once replaced, <see cref="Layers"/> lists the replacement in
    /// their place, under the unit's name. Default: none.
    /// </summary>
    IReadOnlyList<LayerSlot> Composites => [];

    /// <summary>
    /// Puts <paramref name="replacement"/> in place of the layer named <paramref name="name"/> (one of <see cref="Layers"/>,
    /// <see cref="Blocks"/> or <see cref="Composites"/>).
    /// The replacement is moved to the layer's device and dtype and takes the model's training mode; it must map the
    /// layer's input shape to the layer's output shape, which is checked on a small probe input.
    /// </summary>
    /// <returns>
    /// The module that was replaced, no longer part of the model. The caller owns it: dispose it, unless the replacement
    /// wraps it (a masked layer that keeps the original weights).
    /// </returns>
    /// <exception cref="ArgumentException">No layer has that name, or the replacement's output shape differs.</exception>
    torch.nn.Module<torch.Tensor, torch.Tensor> ReplaceLayer(string name, torch.nn.Module<torch.Tensor, torch.Tensor> replacement);
}
