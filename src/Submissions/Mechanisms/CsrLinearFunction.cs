using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.autograd;

namespace Bench.Submissions.Mechanisms;

/// <summary>
/// The autograd function of <see cref="CsrLinear"/>: y = x·Wᵀ + b with W given by a <see cref="CsrPattern"/> and its
/// value tensor, forward and backward by <see cref="CsrKernels"/>. Arguments of <c>apply</c>: input [..., in],
/// values [nnz], bias [out] or null, the pattern. The backward returns the input gradient only when the input
/// requires one (a network's first layer skips it, as libtorch's dense linear does), the values' gradient [nnz] and the
/// bias's. Stateless (TorchSharp keeps one instance): everything a backward needs is saved in its context.
/// </summary>
public sealed class CsrLinearFunction : SingleTensorFunction<CsrLinearFunction>
{
    public override string Name => nameof(CsrLinearFunction);

    public override Tensor forward(AutogradContext ctx, params object[] vars)
    {
        var (input, values, bias, pattern) = ((Tensor)vars[0], (Tensor)vars[1], vars[2] as Tensor, (CsrPattern)vars[3]);
        if (input.shape[^1] != pattern.Columns)
            throw new ArgumentException($"expected input [..., {pattern.Columns}], got [{string.Join(", ", input.shape)}]");
        var leading = input.shape[..^1];
        // Batch-minor activations: the kernels' inner loops run along the batch.
        var inputT = input.reshape(-1, pattern.Columns).t().contiguous();
        var outputT = empty(pattern.Rows, inputT.shape[1], dtype: input.dtype, device: input.device);
        CsrKernels.Forward(pattern, values.contiguous(), bias?.contiguous(), inputT, outputT, get_num_threads());
        ctx.save_for_backward([inputT, values]);
        ctx.save_data("pattern", pattern);
        ctx.save_data("shape", input.shape);
        ctx.save_data("inputGrad", input.requires_grad);
        ctx.save_data("bias", bias is not null);
        // A transposed view: the next elementwise op (ReLU) keeps this layout, so the next layer's transpose is free.
        return outputT.t().reshape([.. leading, pattern.Rows]);
    }

    public override List<Tensor> backward(AutogradContext ctx, Tensor grad_output)
    {
        var saved = ctx.get_saved_variables();
        var (inputT, values) = (saved[0], saved[1].contiguous());
        var pattern = (CsrPattern)ctx.get_data("pattern");
        var shape = (long[])ctx.get_data("shape");
        var threads = get_num_threads();
        var gradOutputT = grad_output.reshape(-1, pattern.Rows).t().contiguous();
        var gradValues = empty(pattern.Nonzeros, dtype: values.dtype, device: values.device);
        CsrKernels.WeightGradient(pattern, gradOutputT, inputT, gradValues, threads);
        Tensor? gradInput = null;
        if ((bool)ctx.get_data("inputGrad"))
        {
            var gradInputT = empty(pattern.Columns, gradOutputT.shape[1], dtype: values.dtype, device: values.device);
            CsrKernels.InputGradient(pattern, values, gradOutputT, gradInputT, threads);
            gradInput = gradInputT.t().reshape(shape);
        }
        var gradBias = (bool)ctx.get_data("bias") ? gradOutputT.sum(1) : null;
        return [gradInput!, gradValues, gradBias!, null!];
    }
}
