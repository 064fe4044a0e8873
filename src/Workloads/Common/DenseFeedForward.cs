using TorchSharp;
using static TorchSharp.torch;

namespace Bench.Workloads.Common;

/// <summary>
/// A transformer block's feed-forward network as one module, contract(GELU(expand(x))), over the block's own two
/// layers: the module a <see cref="TransformerBlock"/> lists for its feed-forward unit
/// (<see cref="Contracts.IReplaceableLayers.Composites"/>) and hands back when the unit is replaced, so the caller that
/// disposes it disposes the two layers, which are no longer the block's.
/// </summary>
public sealed class DenseFeedForward : nn.Module<Tensor, Tensor>
{
    readonly nn.Module<Tensor, Tensor> expand;
    readonly nn.Module<Tensor, Tensor> contract;

    /// <summary>The network of <paramref name="expand"/> then GELU then <paramref name="contract"/>.</summary>
    public DenseFeedForward(nn.Module<Tensor, Tensor> expand, nn.Module<Tensor, Tensor> contract) : base(nameof(DenseFeedForward))
    {
        (this.expand, this.contract) = (expand, contract);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) => contract.forward(nn.functional.gelu(expand.forward(x)));
}
