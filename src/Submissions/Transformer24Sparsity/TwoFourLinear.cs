using Bench.Contracts;
using Bench.Submissions.Mechanisms;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Bench.Submissions.Transformer24Sparsity;

/// <summary>
/// A linear layer trained 2:4-sparse (Hu et al., arXiv 2404.01847, after SR-STE, Zhou et al. 2021): it keeps the dense
/// weight W and, while <see cref="Masked"/>, computes y = x·(W⊙M)ᵀ + b with M the 2:4 magnitude mask of W
/// (<see cref="TwoFourMask"/>, groups of four along the input dimension) recomputed from W at every forward. The
/// backward is the straight-through estimator: W receives the gradient of W⊙M as if unmasked, and
/// <see cref="AddMaskedDecay"/> adds SR-STE's masked decay λ(1 − M)⊙W to it. Unmasked (the dense fine-tuning phase) it
/// is exactly <c>nn.Linear</c>. Reports half the dense forward FLOPs while masked and a dense backward (<see cref="ILayerFlops"/>).
/// </summary>
public sealed class TwoFourLinear : nn.Module<Tensor, Tensor>, ILayerFlops
{
    readonly Parameter weight;
    readonly Parameter? bias;

    // The mask of the last training forward, kept out of every dispose scope (and not registered: it is derived from W).
    Tensor? lastMask;

    /// <summary>A layer computing with a copy of <paramref name="weight"/> [out, in] (in a multiple of 4) and <paramref name="bias"/>.</summary>
    public TwoFourLinear(Tensor weight, Tensor? bias) : base(nameof(TwoFourLinear))
    {
        if (weight.dim() != 2 || weight.shape[1] % 4 != 0)
            throw new ArgumentException($"expected a weight [out, in] with in a multiple of 4, got [{string.Join(", ", weight.shape)}]", nameof(weight));
        this.weight = new Parameter(weight.detach().clone());
        this.bias = bias is null ? null : new Parameter(bias.detach().clone());
        RegisterComponents();
    }

    /// <summary>The dense weight W [out, in], the parameter the optimizer trains.</summary>
    public Parameter Weight => weight;

    /// <summary>The bias [out], or null.</summary>
    public Parameter? Bias => bias;

    /// <summary>True (the default): the forward uses W⊙M; false: the dense W (dense fine-tuning).</summary>
    public bool Masked { get; set; } = true;

    /// <summary>
    /// Fraction of mask entries that changed between the last two training forwards (the paper's flip rate
    /// ‖M_t − M_{t−1}‖₁ / D); null until two masked training forwards have run.
    /// </summary>
    public double? FlipRate { get; private set; }

    /// <summary>The mask of the last masked training forward (null before it): a copy.</summary>
    public Tensor? LastMask() => lastMask?.clone();

    /// <summary>2 x in x out per position dense; half of it while masked (two of every four multiply-adds are zeros).</summary>
    public double ForwardFlopsPerPosition => (Masked ? 1.0 : 2.0) * weight.shape[0] * weight.shape[1];

    /// <summary>
    /// Dense, masked or not: the input gradient dY·(W⊙M) needs a mask that is 2:4 along the outputs, which this
    /// input-wise mask is not (no transposable masks here), and the weight gradient multiplies two dense operands.
    /// </summary>
    public double BackwardFlopsPerPosition => 4.0 * weight.shape[0] * weight.shape[1];

    public override Tensor forward(Tensor x)
    {
        if (!Masked) return nn.functional.linear(x, weight, bias);
        var mask = training ? Refresh() : TwoFourMask.For(weight);
        // Forward value W⊙M exactly (W + (W⊙M − W) is exact in floating point for M in {0, 1}), gradient to W unmasked.
        var effective = weight + (weight * mask - weight).detach();
        return nn.functional.linear(x, effective, bias);
    }

    /// <summary>
    /// SR-STE's masked decay: adds <paramref name="lambda"/> (1 − M)⊙W to W's gradient, M the mask of the last training
    /// forward, so pruned weights are pulled toward zero and the mask settles. Nothing while unmasked or without a gradient.
    /// </summary>
    public void AddMaskedDecay(double lambda)
    {
        if (!Masked || lastMask is null || weight.grad is not { } grad || lambda == 0) return;
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        grad.add_((1 - lastMask) * weight, alpha: lambda);
    }

    /// <summary>The mask of the current W, recording the flip rate against the previous one.</summary>
    Tensor Refresh()
    {
        Tensor fresh;
        using (var scope = NewDisposeScope())
        {
            fresh = TwoFourMask.For(weight);
            if (lastMask is not null) FlipRate = fresh.ne(lastMask).to(ScalarType.Float64).mean().item<double>();
            fresh.DetachFromDisposeScope();
        }
        lastMask?.Dispose();
        lastMask = fresh;
        return fresh.alias();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            lastMask?.Dispose();
            lastMask = null;
        }
        base.Dispose(disposing);
    }
}
