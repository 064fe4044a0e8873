using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Bench.Micro.LowRank;

/// <summary>
/// A linear layer whose weight is the product W = U·V of U [out, rank] and V [rank, in]: y = (x Vᵀ) Uᵀ + b.
/// Costs rank (in + out) multiply-adds per token instead of in x out, so it saves work only when
/// rank &lt; in·out / (in + out).
/// </summary>
public sealed class FactorizedLinear : nn.Module<Tensor, Tensor>
{
    readonly Parameter u;
    readonly Parameter v;
    readonly Parameter bias;

    /// <summary>Factors initialised so that U·V has the variance of a default nn.Linear weight.</summary>
    public FactorizedLinear(int inputs, int outputs, int rank, Generator? generator = null) : base(nameof(FactorizedLinear))
    {
        // Var(U·V) = rank Var(U) Var(V); aim for 1 / (3 in) like nn.Linear's uniform(±1/√in).
        var scale = Math.Pow(1.0 / (3.0 * inputs * rank), 0.25);
        u = new Parameter(randn(outputs, rank, generator: generator) * scale);
        v = new Parameter(randn(rank, inputs, generator: generator) * scale);
        bias = new Parameter(zeros(outputs));
        RegisterComponents();
    }

    /// <summary>The factor U [out, rank].</summary>
    public Parameter U => u;

    /// <summary>The factor V [rank, in].</summary>
    public Parameter V => v;

    /// <summary>The bias [out].</summary>
    public Parameter Bias => bias;

    /// <summary>The dense weight [out, in] this layer computes with.</summary>
    public Tensor DenseWeight() => u.mm(v);

    public override Tensor forward(Tensor x) => nn.functional.linear(nn.functional.linear(x, v), u, bias);
}
