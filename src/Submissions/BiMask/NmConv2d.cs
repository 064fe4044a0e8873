using Bench.Contracts;
using Bench.Submissions.Mechanisms;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Bench.Submissions.BiMask;

/// <summary>
/// A 'same'-padded, stride-1 convolution trained with N:M (2:4) masks on the weight W [out, in, k, k], seen as the
/// matrix [out, in·k·k] whose products the masks make sparse. The forward computes with W ⊙ M_f; the input gradient
/// with W ⊙ M_b; the weight gradient is dense (straight-through: W receives the gradient of the masked weight as if
/// unmasked, since it multiplies two dense operands no mask can thin), plus SR-STE's masked decay λ(1 − M_f) ⊙ W.
/// <see cref="NmMaskMode.Bidirectional"/> (Bi-Mask) takes M_f = the 2:4 mask along the inputs and M_b =
/// <see cref="NmMasks.Backward"/> under the output permutation of the last search; <see cref="NmMaskMode.Transposable"/>
/// takes M_f = M_b = the transposable mask. Masks are recomputed from W at every training forward, as in the
/// reference code; evaluation computes with W ⊙ M_f. There are no sparse kernels on this CPU: the maths is dense with
/// zeros, and <see cref="ILayerFlops"/> reports what 2:4 sparse tensor cores would run.
/// </summary>
public sealed class NmConv2d : nn.Module<Tensor, Tensor>, ILayerFlops
{
    readonly Parameter weight;
    readonly long padding;
    Tensor permutation;
    Tensor? forwardMask;

    /// <summary>A layer computing with a copy of <paramref name="weight"/> [out, in, k, k] (out and in·k·k multiples of 4, k odd).</summary>
    public NmConv2d(Tensor weight, NmMaskMode mode) : base(nameof(NmConv2d))
    {
        if (weight.dim() != 4 || weight.shape[0] % 4 != 0 || weight.shape[1] * weight.shape[2] * weight.shape[3] % 4 != 0
            || weight.shape[2] != weight.shape[3] || weight.shape[2] % 2 == 0)
            throw new ArgumentException("expected a square odd kernel [out, in, k, k] with out and in·k·k multiples of 4, got " +
                $"[{string.Join(", ", weight.shape)}]", nameof(weight));
        this.weight = new Parameter(weight.detach().clone());
        Mode = mode;
        padding = weight.shape[2] / 2;
        permutation = arange(weight.shape[0], dtype: ScalarType.Int64, device: weight.device).DetachFromDisposeScope();
        RegisterComponents();
    }

    public NmMaskMode Mode { get; }

    /// <summary>The dense weight W [out, in, k, k], the parameter the optimizer trains.</summary>
    public Parameter Weight => weight;

    /// <summary>The output-channel permutation the backward mask is found under (identity until the first search).</summary>
    public Tensor Permutation => permutation.alias();

    long Outputs => weight.shape[0];

    long KernelInputs => weight.shape[1] * weight.shape[2] * weight.shape[3];

    /// <summary>Half the dense forward: two of every four multiply-adds are zeros.</summary>
    public double ForwardFlopsPerPosition => Outputs * KernelInputs;

    /// <summary>The input gradient sparse like the forward (half dense), the weight gradient dense.</summary>
    public double BackwardFlopsPerPosition => Outputs * KernelInputs + 2.0 * Outputs * KernelInputs;

    /// <summary>The forward mask [out, in·k·k] and the backward mask of the current weight.</summary>
    public (Tensor Forward, Tensor Backward) Masks()
    {
        using var scope = NewDisposeScope();
        var matrix = weight.detach().view(Outputs, KernelInputs);
        if (Mode == NmMaskMode.Transposable)
        {
            var both = NmMasks.Transposable(matrix);
            return (both.MoveToOuterDisposeScope(), both.clone().MoveToOuterDisposeScope());
        }
        var forward = TwoFourMask.For(matrix);
        var backward = NmMasks.Backward(matrix, forward, permutation.to(matrix.device));
        return (forward.MoveToOuterDisposeScope(), backward.MoveToOuterDisposeScope());
    }

    /// <summary>Bi-Mask's permutation search on the current weight (nothing for a transposable mask).</summary>
    public void SearchPermutation(int candidates, Random random)
    {
        if (Mode == NmMaskMode.Transposable) return;
        using (var scope = NewDisposeScope())
        {
            var matrix = weight.detach().view(Outputs, KernelInputs);
            var found = NmMasks.SearchPermutation(matrix, TwoFourMask.For(matrix), candidates, random);
            found.DetachFromDisposeScope();
            permutation.Dispose();
            permutation = found;
        }
    }

    public override Tensor forward(Tensor x)
    {
        var (forwardMatrix, backwardMatrix) = Masks();
        using var forwardFlat = forwardMatrix;
        using var backwardFlat = backwardMatrix;
        var forwardMaskNow = forwardFlat.view(weight.shape);
        if (training) Remember(forwardMaskNow);
        // Forward value W ⊙ M_f exactly (W + (W ⊙ M_f − W) is exact for M in {0, 1}); gradient to W unmasked.
        var masked = weight + (weight * forwardMaskNow - weight).detach();
        if (!training || Mode == NmMaskMode.Transposable)
            // One mask: the input gradient of the masked conv already uses W ⊙ M.
            return nn.functional.conv2d(x, masked, padding: [padding, padding]);
        // Two masks: the value and W's gradient from the forward-masked conv on a detached input, the input's gradient
        // from a conv with W ⊙ M_b whose value is subtracted again (z − z.detach() is exactly zero).
        var value = nn.functional.conv2d(x.detach(), masked, padding: [padding, padding]);
        var backward = nn.functional.conv2d(x, (weight * backwardFlat.view(weight.shape)).detach(), padding: [padding, padding]);
        return value + backward - backward.detach();
    }

    /// <summary>SR-STE's masked decay: adds <paramref name="lambda"/>(1 − M_f) ⊙ W to W's gradient (M_f of the last training forward).</summary>
    public void AddMaskedDecay(double lambda)
    {
        if (forwardMask is null || weight.grad is not { } grad || lambda == 0) return;
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        grad.add_((1 - forwardMask) * weight, alpha: lambda);
    }

    void Remember(Tensor mask)
    {
        forwardMask?.Dispose();
        forwardMask = mask.detach().clone().DetachFromDisposeScope();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            forwardMask?.Dispose();
            forwardMask = null;
            permutation.Dispose();
        }
        base.Dispose(disposing);
    }
}
