using Bench.Contracts;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Bench.Submissions.Mechanisms;

/// <summary>
/// A linear layer with a constant fan-in sparsity mask (SRigL, arXiv 2305.02299): y = x·Wᵀ + b with W zero outside the mask.
/// The weight is stored dense and kept zero off the mask (<see cref="ApplyMask"/> after each update,
/// <see cref="MaskGradient"/> before it), so the backward of the plain dense product yields the dense gradient SRigL's
/// regrowth reads at a mask update (<see cref="Update"/>). Reports 2 x non-zeros FLOPs per position (<see cref="ILayerFlops"/>):
/// the cost of the condensed layer it stands for.
/// </summary>
public sealed class ConstantFanInLinear : nn.Module<Tensor, Tensor>, ILayerFlops
{
    readonly Parameter weight;
    readonly Parameter? bias;
    readonly int outputs;
    readonly int inputs;
    bool[] mask;

    // The mask as a 0/1 float tensor (moved to the weight's device and dtype where used), kept out of every dispose scope (not registered: it is not trained).
    Tensor maskTensor;

    /// <summary>A layer computing with a copy of <paramref name="weight"/> [out, in] masked by <paramref name="mask"/> (row-major) and <paramref
    /// name="bias"/>.</summary>
    public ConstantFanInLinear(Tensor weight, Tensor? bias, bool[] mask) : base(nameof(ConstantFanInLinear))
    {
        if (weight.dim() != 2) throw new ArgumentException($"expected a weight [out, in], got [{string.Join(", ", weight.shape)}]", nameof(weight));
        outputs = (int)weight.shape[0];
        inputs = (int)weight.shape[1];
        if (mask.Length != outputs * inputs) throw new ArgumentException($"the mask holds {mask.Length} entries, the weight {outputs * inputs}", nameof(mask));
        this.weight = new Parameter(weight.detach().clone());
        this.bias = bias is null ? null : new Parameter(bias.detach().clone());
        this.mask = (bool[])mask.Clone();
        maskTensor = MaskTensor(this.mask);
        RegisterComponents();
        ApplyMask();
    }

    /// <summary>The weight W [out, in] (zero off the mask), the parameter the optimizer trains.</summary>
    public Parameter Weight => weight;

    /// <summary>The bias [out], or null.</summary>
    public Parameter? Bias => bias;

    public int Outputs => outputs;

    public int Inputs => inputs;

    /// <summary>A copy of the mask [out x in], row-major.</summary>
    public bool[] Mask() => (bool[])mask.Clone();

    /// <summary>The mask as a 0/1 tensor [out, in] of the weight's dtype (a copy).</summary>
    public Tensor MaskAsTensor() => maskTensor.to(weight.dtype, weight.device, copy: true);

    /// <summary>Each output neuron's fan-in.</summary>
    public int[] FanIns() => ConstantFanInMask.FanIns(mask, outputs, inputs);

    /// <summary>Non-zero weights the mask allows.</summary>
    public int NonZeros => mask.Count(m => m);

    /// <summary>2 x non-zeros per position: each output neuron's multiply-adds over its fan-in.</summary>
    public double ForwardFlopsPerPosition => 2.0 * NonZeros;

    public override Tensor forward(Tensor x) => nn.functional.linear(x, weight, bias);

    /// <summary>Zeroes the weights off the mask.</summary>
    public void ApplyMask()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        weight.mul_(maskTensor.to(weight.dtype, weight.device));
    }

    /// <summary>Zeroes W's gradient off the mask (the sparse layer has no pruned weights to train); nothing without a gradient.</summary>
    public void MaskGradient()
    {
        if (weight.grad is not { } grad) return;
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        grad.mul_(maskTensor.to(grad.dtype, grad.device));
    }

    /// <summary>
    /// SRigL's mask update from the current weights and W's (dense) gradient (<see cref="ConstantFanInMask.Update"/>): the new
    /// mask replaces the old, the weights off it are zeroed and the regrown ones start at zero.
    /// </summary>
    public ConstantFanInUpdate Update(int nonZeros, double dropFraction, double salientFraction, bool ablate)
    {
        var gradient = weight.grad ?? throw new InvalidOperationException("a mask update needs the dense gradient of the step's backward");
        var update = ConstantFanInMask.Update(Values(weight), Values(gradient), mask, outputs, inputs, nonZeros, dropFraction, salientFraction, ablate);
        mask = update.Mask;
        var fresh = MaskTensor(mask);
        maskTensor.Dispose();
        maskTensor = fresh;
        using (var scope = NewDisposeScope())
        using (var noGrad = no_grad())
        {
            var regrown = tensor(update.Regrown, [outputs, inputs]).to(weight.device);
            weight.masked_fill_(regrown, 0);
        }
        ApplyMask();
        MaskGradient();
        return update;
    }

    static float[] Values(Tensor t)
    {
        using var scope = NewDisposeScope();
        return t.detach().to(ScalarType.Float32).cpu().contiguous().data<float>().ToArray();
    }

    Tensor MaskTensor(bool[] values)
    {
        using var scope = NewDisposeScope();
        var result = tensor(values, [outputs, inputs]).to(ScalarType.Float32);
        result.DetachFromDisposeScope();
        return result;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) maskTensor.Dispose();
        base.Dispose(disposing);
    }
}
