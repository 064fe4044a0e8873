using Bench.Contracts;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Bench.Submissions.Mechanisms;

/// <summary>
/// A linear layer whose weight is the product W = U·V of U [out, rank] and V [rank, in]: y = U·(V·x) + b, computed as
/// two thin matmuls. It costs rank (in + out) multiply-adds per position instead of in x out, so it saves work only
/// when rank &lt; in·out / (in + out). A drop-in replacement for a named Linear layer
/// (<see cref="IReplaceableLayers.ReplaceLayer"/>) that reports its own FLOPs (<see cref="ILayerFlops"/>); shared by
/// the low-rank micro-benchmark and the low-rank submissions (low-rank-training-explored, cuttlefish).
/// </summary>
public sealed class LowRankLinear : nn.Module<Tensor, Tensor>, ILayerFlops
{
    readonly Parameter u;
    readonly Parameter v;
    readonly Parameter? bias;

    /// <summary>Factors initialised so that U·V has the variance of a default nn.Linear weight; a zero bias.</summary>
    public LowRankLinear(int inputs, int outputs, int rank, bool hasBias = true, Generator? generator = null)
        : this(Initial(inputs, outputs, rank, generator), hasBias ? zeros(outputs) : null)
    {
    }

    LowRankLinear((Tensor U, Tensor V) factors, Tensor? bias) : base(nameof(LowRankLinear))
    {
        u = new Parameter(factors.U);
        v = new Parameter(factors.V);
        this.bias = bias is null ? null : new Parameter(bias);
        RegisterComponents();
    }

    /// <summary>
    /// The best rank-<paramref name="rank"/> approximation of a dense layer's weight (truncated SVD, W ≈ U_r S_r V_rᵀ,
    /// split as U = U_r √S_r, V = √S_r V_rᵀ) and a copy of its bias: how a method factorises a layer it has trained
    /// dense for a while (Cuttlefish) without a jump in the function.
    /// </summary>
    public static LowRankLinear FromDense(Tensor weight, Tensor? bias, int rank)
    {
        if (weight.dim() != 2) throw new ArgumentException($"expected a weight [out, in], got [{string.Join(", ", weight.shape)}]", nameof(weight));
        CheckRank(rank);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var (left, singular, right) = linalg.svd(weight.detach().to(ScalarType.Float64), fullMatrices: false);
        var kept = Math.Min(rank, (int)singular.shape[0]);
        var root = singular.narrow(0, 0, kept).sqrt();
        var uFactor = (left.narrow(1, 0, kept) * root.unsqueeze(0)).to(weight.dtype);
        var vFactor = (root.unsqueeze(1) * right.narrow(0, 0, kept)).to(weight.dtype);
        var layer = new LowRankLinear((uFactor.MoveToOuterDisposeScope(), vFactor.MoveToOuterDisposeScope()), bias?.detach().clone().MoveToOuterDisposeScope());
        return layer;
    }

    /// <summary>The factor U [out, rank].</summary>
    public Parameter U => u;

    /// <summary>The factor V [rank, in].</summary>
    public Parameter V => v;

    /// <summary>The bias [out], or null.</summary>
    public Parameter? Bias => bias;

    public int Rank => (int)v.shape[0];

    /// <summary>2 x rank x (in + out): the two thin products, per position.</summary>
    public double ForwardFlopsPerPosition => 2.0 * Rank * (v.shape[1] + u.shape[0]);

    /// <summary>The dense weight [out, in] this layer computes with.</summary>
    public Tensor DenseWeight() => u.mm(v);

    public override Tensor forward(Tensor x) => nn.functional.linear(nn.functional.linear(x, v), u, bias);

    static (Tensor U, Tensor V) Initial(int inputs, int outputs, int rank, Generator? generator)
    {
        CheckRank(rank);
        // Var(U·V) = rank Var(U) Var(V); aim for 1 / (3 in) like nn.Linear's uniform(±1/√in).
        var scale = Math.Pow(1.0 / (3.0 * inputs * rank), 0.25);
        return (randn(outputs, rank, generator: generator) * scale, randn(rank, inputs, generator: generator) * scale);
    }

    static void CheckRank(int rank)
    {
        if (rank < 1) throw new ArgumentOutOfRangeException(nameof(rank), rank, "a low-rank layer needs rank >= 1");
    }
}
