using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Bench.Submissions.Mechanisms;

/// <summary>
/// The dense control of <see cref="CsrLinear"/> (SparseProp's baseline: the same sparse network run by dense kernels):
/// the sparse weight kept as a dense [out, in] parameter, zero off a fixed 0/1 mask, computed by libtorch's dense
/// linear exactly like <c>nn.Linear</c>, so a step costs what a dense layer's costs. The optimizer moves the pruned
/// entries (they get dense gradients); <see cref="Reapply"/>, after each optimizer step, sets them back to zero. The
/// kept weights see the same gradients, Adam moments and updates as the CSR layer's values (a pruned entry is zero in
/// every forward), so the two train the same function. Reports no FLOPs of its own: <c>LayerFlops</c> counts it dense.
/// </summary>
public sealed class MaskedLinear : nn.Module<Tensor, Tensor>
{
    readonly Parameter weight;
    readonly Parameter? bias;
    readonly Tensor mask;

    /// <summary>A layer computing with <paramref name="weight"/>⊙<paramref name="mask"/> and a copy of <paramref name="bias"/>.</summary>
    public MaskedLinear(Tensor weight, Tensor? bias, Tensor mask) : base(nameof(MaskedLinear))
    {
        if (!weight.shape.SequenceEqual(mask.shape))
            throw new ArgumentException($"mask [{string.Join(", ", mask.shape)}] does not match weight [{string.Join(", ", weight.shape)}]", nameof(mask));
        this.mask = mask.detach().ne(0).to(weight.dtype);
        this.weight = new Parameter((weight.detach() * this.mask).contiguous());
        this.bias = bias is null ? null : new Parameter(bias.detach().clone());
        RegisterComponents();
    }

    /// <summary>The dense weight parameter [out, in], zero off the mask after every <see cref="Reapply"/>.</summary>
    public Parameter Weight => weight;

    /// <summary>The bias [out], or null.</summary>
    public Parameter? Bias => bias;

    /// <summary>The 0/1 mask [out, in] (a buffer).</summary>
    public Tensor Mask => mask;

    /// <summary>Sets the pruned weights back to zero (in place): after every optimizer step.</summary>
    public void Reapply()
    {
        using var noGrad = no_grad();
        weight.mul_(mask);
    }

    public override Tensor forward(Tensor x) => nn.functional.linear(x, weight, bias);
}
