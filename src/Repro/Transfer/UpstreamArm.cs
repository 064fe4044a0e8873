using System.Globalization;

namespace Bench.Repro.Transfer;

/// <summary>An upstream network of the study: the dense baseline recipe (<see cref="Sparsity"/> 0) or GMP to a sparsity.</summary>
public sealed record UpstreamArm(double Sparsity)
{
    /// <summary>"dense", or "gmp-" and the sparsity (e.g. gmp-0.9).</summary>
    public string Name => Sparsity == 0 ? "dense" : "gmp-" + Sparsity.ToString("0.###", CultureInfo.InvariantCulture);
}
