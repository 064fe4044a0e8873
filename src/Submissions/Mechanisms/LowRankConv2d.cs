using Bench.Contracts;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Bench.Submissions.Mechanisms;

/// <summary>
/// A 2-D convolution whose weight W [out, in, k, k], seen as the matrix [out, in·k²], is the product U·V of rank r:
/// a k×k convolution in → r with V [r, in, k, k], then a 1×1 convolution r → out with U [out, r, 1, 1] (and the
/// bias). Both run at the dense layer's output positions (stride 1, "same" padding k/2), so it costs
/// r (in·k² + out) multiply-adds per output position instead of in·out·k²: it saves work only when
/// r &lt; in·out·k² / (in·k² + out). A drop-in replacement for a named Conv2d layer
/// (<see cref="IReplaceableLayers.ReplaceLayer"/>, whose probe rejects a layer of another stride or padding) that
/// reports its own FLOPs (<see cref="ILayerFlops"/>); the Pufferfish/Cuttlefish factorisation of a convolution.
/// </summary>
public sealed class LowRankConv2d : nn.Module<Tensor, Tensor>, ILayerFlops
{
    readonly Parameter u;
    readonly Parameter v;
    readonly Parameter? bias;
    readonly long padding;

    LowRankConv2d(Tensor uFactor, Tensor vFactor, Tensor? bias) : base(nameof(LowRankConv2d))
    {
        // Read before the parameters take over the tensors' handles.
        padding = vFactor.shape[2] / 2;
        u = new Parameter(uFactor);
        v = new Parameter(vFactor);
        this.bias = bias is null ? null : new Parameter(bias);
        RegisterComponents();
    }

    /// <summary>
    /// The best rank-<paramref name="rank"/> approximation of a convolution's weight [out, in, k, k] as the matrix
    /// [out, in·k²] (truncated SVD W ≈ U_r S_r V_rᵀ, split as U = U_r √S_r, V = √S_r V_rᵀ), reshaped into the two
    /// convolutions, and a copy of the bias: at rank min(out, in·k²) it computes the dense convolution itself.
    /// </summary>
    public static LowRankConv2d FromDense(Tensor weight, Tensor? bias, int rank)
    {
        if (weight.dim() != 4 || weight.shape[2] != weight.shape[3] || weight.shape[2] % 2 == 0)
            throw new ArgumentException($"expected a square odd-sized kernel [out, in, k, k], got [{string.Join(", ", weight.shape)}]", nameof(weight));
        if (rank < 1) throw new ArgumentOutOfRangeException(nameof(rank), rank, "a low-rank convolution needs rank >= 1");
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var (outputs, inputs, kernel) = (weight.shape[0], weight.shape[1], weight.shape[2]);
        var matrix = weight.detach().reshape(outputs, -1).to(ScalarType.Float64);
        var (left, singular, right) = linalg.svd(matrix, fullMatrices: false);
        var kept = Math.Min(rank, (int)singular.shape[0]);
        var root = singular.narrow(0, 0, kept).sqrt();
        var uFactor = (left.narrow(1, 0, kept) * root.unsqueeze(0)).to(weight.dtype).reshape(outputs, kept, 1, 1);
        var vFactor = (root.unsqueeze(1) * right.narrow(0, 0, kept)).to(weight.dtype).reshape(kept, inputs, kernel, kernel);
        var layer = new LowRankConv2d(uFactor.contiguous(), vFactor.contiguous(), bias?.detach().clone());
        // The factors outlive this scope (and the caller's, e.g. a training step's): they belong to the layer.
        foreach (var tensor in layer.parameters()) tensor.DetachFromDisposeScope();
        return layer;
    }

    /// <summary>The 1×1 convolution's weight U [out, rank, 1, 1].</summary>
    public Parameter U => u;

    /// <summary>The k×k convolution's weight V [rank, in, k, k].</summary>
    public Parameter V => v;

    /// <summary>The bias [out], or null.</summary>
    public Parameter? Bias => bias;

    public int Rank => (int)v.shape[0];

    /// <summary>2 x rank x (in·k² + out): the two convolutions, per output position.</summary>
    public double ForwardFlopsPerPosition => 2.0 * Rank * (v.shape[1] * v.shape[2] * v.shape[3] + u.shape[0]);

    /// <summary>The dense weight [out, in, k, k] this layer computes with.</summary>
    public Tensor DenseWeight() => u.flatten(1).mm(v.flatten(1)).reshape(u.shape[0], v.shape[1], v.shape[2], v.shape[3]);

    public override Tensor forward(Tensor x) =>
        nn.functional.conv2d(nn.functional.conv2d(x, v, padding: [padding, padding]), u, bias);
}
