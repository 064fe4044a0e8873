using Bench.Contracts;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Bench.Submissions.Mechanisms;

/// <summary>
/// SparseProp's sparse linear layer (arXiv 2302.04852): an unstructured-sparse weight W [out, in] stored as a fixed
/// <see cref="CsrPattern"/> and a parameter of its nnz values (row order), y = x·Wᵀ + b computed, and back-propagated
/// (input gradient and the weight gradient at the nonzeros only), by SIMD-vectorised C# kernels
/// (<see cref="CsrKernels"/> inside <see cref="CsrLinearFunction"/>). The optimizer sees only the nnz values, so pruned
/// weights do not exist to be updated: they stay zero by construction. A drop-in replacement for a named Linear layer
/// (<see cref="IReplaceableLayers.ReplaceLayer"/>) that reports nnz-based FLOPs (<see cref="ILayerFlops"/>); shared by
/// the SparseProp submission and its micro-benchmark. CPU and float32 only.
/// </summary>
public sealed class CsrLinear : nn.Module<Tensor, Tensor>, ILayerFlops
{
    readonly Parameter values;
    readonly Parameter? bias;
    readonly CsrPattern pattern;

    /// <summary>A layer computing with <paramref name="weight"/> [out, in] at the nonzeros of <paramref name="mask"/> and a copy of <paramref
    /// name="bias"/>.</summary>
    public CsrLinear(Tensor weight, Tensor? bias, Tensor mask) : base(nameof(CsrLinear))
    {
        if (!weight.shape.SequenceEqual(mask.shape))
            throw new ArgumentException($"mask [{string.Join(", ", mask.shape)}] does not match weight [{string.Join(", ", weight.shape)}]", nameof(mask));
        pattern = CsrPattern.FromMask(mask);
        values = new Parameter(pattern.Gather(weight));
        this.bias = bias is null ? null : new Parameter(bias.detach().clone());
        RegisterComponents();
    }

    /// <summary>The nonzero positions.</summary>
    public CsrPattern Pattern => pattern;

    /// <summary>The nnz weight values in row order, the parameter the optimizer trains.</summary>
    public Parameter Values => values;

    /// <summary>The bias [out], or null.</summary>
    public Parameter? Bias => bias;

    /// <summary>2 x nnz per position: one multiply-add per stored weight.</summary>
    public double ForwardFlopsPerPosition => 2.0 * pattern.Nonzeros;

    /// <summary>The dense weight [out, in] this layer computes with (zeros off the pattern).</summary>
    public Tensor DenseWeight() => pattern.Scatter(values.detach());

    public override Tensor forward(Tensor x)
    {
        if (x.device_type != DeviceType.CPU || x.dtype != ScalarType.Float32)
            throw new NotSupportedException($"{nameof(CsrLinear)} runs float32 on the CPU; got {x.dtype} on {x.device_type}");
        if (x.dim() < 1 || x.shape[^1] != pattern.Columns)
            throw new ArgumentException($"expected input [..., {pattern.Columns}], got [{string.Join(", ", x.shape)}]", nameof(x));
        return CsrLinearFunction.apply(x, values, bias!, pattern);
    }
}
