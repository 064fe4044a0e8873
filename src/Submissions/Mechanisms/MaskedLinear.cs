using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Bench.Submissions.Mechanisms;

/// <summary>
/// The dense control of <see cref="CsrLinear"/> (SparseProp's baseline): the same sparse weight kept as a dense
/// [out, in] parameter, zero off a fixed 0/1 mask, computed as y = x·(W⊙M)ᵀ + b by libtorch's dense matmul. The same
/// function and gradients as the CSR layer: W⊙M's gradient is zero off the mask, so a pruned weight that starts at zero
/// gets no gradient, no Adam moment and no decay, and stays zero. It costs the dense layer's FLOPs (it does not report
/// its own, so <c>LayerFlops</c> counts it dense).
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

    /// <summary>The dense weight parameter [out, in], zero off the mask.</summary>
    public Parameter Weight => weight;

    /// <summary>The bias [out], or null.</summary>
    public Parameter? Bias => bias;

    /// <summary>The 0/1 mask [out, in] (a buffer).</summary>
    public Tensor Mask => mask;

    public override Tensor forward(Tensor x) => nn.functional.linear(x, weight * mask, bias);
}
