using Bench.Submissions.Mechanisms;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Bench.Micro.Sparsity24;

/// <summary>
/// A transformer FFN, Linear(width, 4 width) -> GELU -> Linear(4 width, width), optionally with 2:4 masks
/// on both weights. A masked forward multiplies each weight by its mask and runs the usual dense matmul
/// (gradients reach only the kept weights), as 2:4 training does when no sparse kernel is available.
/// </summary>
public sealed class SparseFfn : nn.Module<Tensor, Tensor>
{
    readonly Linear expand;
    readonly Linear contract;
    Tensor? expandMask;
    Tensor? contractMask;

    public SparseFfn(int width) : base(nameof(SparseFfn))
    {
        expand = nn.Linear(width, 4 * width);
        contract = nn.Linear(4 * width, width);
        RegisterComponents();
    }

    /// <summary>The two layers, for tests that need their weights.</summary>
    public (Linear Expand, Linear Contract) Layers => (expand, contract);

    /// <summary>Fixes 2:4 magnitude masks from the current weights (<see cref="TwoFourMask"/>).</summary>
    public void Prune()
    {
        expandMask?.Dispose();
        contractMask?.Dispose();
        expandMask = TwoFourMask.For(expand.weight!);
        contractMask = TwoFourMask.For(contract.weight!);
    }

    public override Tensor forward(Tensor x)
    {
        var hidden = nn.functional.gelu(Linear(x, expand, expandMask));
        return Linear(hidden, contract, contractMask);
    }

    static Tensor Linear(Tensor x, Linear layer, Tensor? mask) =>
        nn.functional.linear(x, mask is null ? layer.weight! : layer.weight! * mask, layer.bias);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            expandMask?.Dispose();
            contractMask?.Dispose();
        }
        base.Dispose(disposing);
    }
}
