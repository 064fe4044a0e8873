using static TorchSharp.torch;

namespace Bench.Submissions.Cuttlefish;

/// <summary>
/// The stable rank of a layer's weight, ||W||_F² / ||W||_2² = Σσᵢ² / σ₁², with the weight seen as the matrix
/// [out, everything else] (a convolution's [out, in·k²], the matrix its factorisation splits): a smooth lower bound
/// of the rank that Cuttlefish tracks to decide when to factorise and at what rank.
/// </summary>
public static class StableRank
{
    /// <summary>Σσᵢ² / σ₁² of <paramref name="weight"/> reshaped to [out, -1], in float64; 0 for a zero weight.</summary>
    public static double Of(Tensor weight)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var singular = linalg.svdvals(weight.detach().reshape(weight.shape[0], -1).to(ScalarType.Float64));
        var largest = singular.max().item<double>();
        return largest == 0 ? 0 : singular.square().sum().item<double>() / (largest * largest);
    }

    /// <summary>The smaller side of <paramref name="weight"/> as the matrix [out, -1]: its full rank.</summary>
    public static int FullRank(Tensor weight) => (int)Math.Min(weight.shape[0], weight.numel() / weight.shape[0]);
}
