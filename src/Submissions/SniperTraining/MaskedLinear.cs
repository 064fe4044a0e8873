using Bench.Contracts;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Bench.Submissions.SniperTraining;

/// <summary>
/// A linear layer with a fixed 0/1 mask on its weight: y = x·(W⊙M)ᵀ + b, a masked dense matmul, so a masked weight
/// contributes nothing and receives a zero gradient (the optimizer leaves it at 0: Adam's moments of a weight whose
/// gradient was always 0 stay 0, and decoupled decay of 0 is 0). Without a mask it is exactly <c>nn.Linear</c>.
/// Reports its density's share of the dense matmul FLOPs (<see cref="ILayerFlops"/>), as a sparse kernel would do.
/// </summary>
public sealed class MaskedLinear : nn.Module<Tensor, Tensor>, ILayerFlops
{
    readonly Parameter weight;
    readonly Parameter? bias;

    // Kept out of every dispose scope and not registered: the mask is the method's state, not a model parameter.
    Tensor? mask;

    /// <summary>A layer computing with a copy of <paramref name="weight"/> [out, in] and <paramref name="bias"/>, unmasked.</summary>
    public MaskedLinear(Tensor weight, Tensor? bias) : base(nameof(MaskedLinear))
    {
        if (weight.dim() != 2) throw new ArgumentException($"expected a weight [out, in], got [{string.Join(", ", weight.shape)}]", nameof(weight));
        this.weight = new Parameter(weight.detach().clone());
        this.bias = bias is null ? null : new Parameter(bias.detach().clone());
        RegisterComponents();
    }

    /// <summary>The weight W [out, in], the parameter the optimizer trains (0 wherever the mask is 0).</summary>
    public Parameter Weight => weight;

    /// <summary>The bias [out] (never masked), or null.</summary>
    public Parameter? Bias => bias;

    /// <summary>The fraction of the weight's entries the mask keeps: 1 without a mask.</summary>
    public double Density { get; private set; } = 1;

    /// <summary>A copy of the current mask (same shape as the weight, 1 kept, 0 masked), or null when dense.</summary>
    public Tensor? Mask() => mask?.clone();

    /// <summary>2 x in x out per position, times the density.</summary>
    public double ForwardFlopsPerPosition => Density * 2.0 * weight.shape[0] * weight.shape[1];

    public override Tensor forward(Tensor x) =>
        mask is null ? nn.functional.linear(x, weight, bias) : nn.functional.linear(x, weight * mask, bias);

    /// <summary>
    /// Masks the layer with <paramref name="next"/> (null: dense). Weights the new mask drops are set to 0; weights it
    /// re-enables (masked before, kept now) start at <paramref name="reenableWith"/>'s value (the layer's initial weight)
    /// or, when that is null, at exactly 0. Every other weight keeps its trained value.
    /// </summary>
    public void SetMask(Tensor? next, Tensor? reenableWith)
    {
        if (next is not null && !next.shape.SequenceEqual(weight.shape))
            throw new ArgumentException($"mask shape [{string.Join(", ", next.shape)}] differs from the weight's " +
                $"[{string.Join(", ", weight.shape)}]", nameof(next));
        Tensor? stored;
        using (var scope = NewDisposeScope())
        using (no_grad())
        {
            var before = mask ?? ones_like(weight);
            var after = next?.to(weight.dtype) ?? ones_like(weight);
            var reenabled = after * (1 - before);
            // Kept weights keep their value, dropped ones become 0, re-enabled ones start at their initial value or 0.
            weight.mul_(before * after);
            if (reenableWith is not null) weight.add_(reenableWith.to(weight.dtype) * reenabled);
            Density = after.to(ScalarType.Float64).mean().item<double>();
            stored = next is null ? null : after.clone().DetachFromDisposeScope();
        }
        mask?.Dispose();
        mask = stored;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            mask?.Dispose();
            mask = null;
        }
        base.Dispose(disposing);
    }
}
