using TorchSharp;
using static TorchSharp.torch;

namespace Bench.Submissions.Mechanisms;

/// <summary>
/// A model's training forward pass run on <see cref="Splits"/> equal parts of the batch, so every BatchNorm normalises over
/// a fixed number of examples however large the batch (multigrid's sub-batch BatchNorm: the paper
/// keeps 8 clips per BatchNorm whatever the batch; its reference code splits larger batches, MULTIGRID.BN_BASE_SIZE). The
/// layers other than BatchNorm act on each example alone, so only the statistics change. Evaluation (eval mode) runs the
/// whole batch through the model unchanged.
/// </summary>
public sealed class SubBatchForward : nn.Module<Tensor, Tensor>
{
    readonly nn.Module<Tensor, Tensor> inner;

    public SubBatchForward(nn.Module<Tensor, Tensor> inner) : base(nameof(SubBatchForward))
    {
        this.inner = inner;
        RegisterComponents();
    }

    /// <summary>Parts a training batch is split into (1: the whole batch at once).</summary>
    public int Splits { get; set; } = 1;

    public override Tensor forward(Tensor x)
    {
        if (!training || Splits <= 1 || x.shape[0] < Splits) return inner.forward(x);
        return cat([.. x.chunk(Splits, 0).Select(inner.forward)], 0);
    }
}
