using TorchSharp;

namespace Bench.Submissions.MarsM;

/// <summary>
/// Muon's orthogonalisation (Jordan et al. 2024): five iterations of the quintic Newton-Schulz map
/// X := aX + (bA + cA^2)X with A = XX^T and (a, b, c) = (3.4445, -4.7750, 2.0315), after scaling X to unit
/// Frobenius norm. It pushes every singular value of the input towards 1 (into roughly [0.7, 1.2]), keeping
/// the singular vectors: an approximate U V^T of the SVD, in matrix multiplies only.
/// </summary>
public static class NewtonSchulz
{
    public const double A = 3.4445, B = -4.7750, C = 2.0315;

    /// <summary>Approximately orthogonalises a 2-D <paramref name="matrix"/> (works on the wide orientation).</summary>
    public static torch.Tensor Orthogonalize(torch.Tensor matrix, int iterations = 5)
    {
        if (matrix.dim() != 2) throw new ArgumentException("Newton-Schulz needs a 2-D matrix", nameof(matrix));
        var tall = matrix.shape[0] > matrix.shape[1];
        var x = tall ? matrix.t() : matrix;
        x = x / (x.norm() + 1e-7);
        for (var i = 0; i < iterations; i++)
        {
            var a = x.matmul(x.t());
            var b = a * B + a.matmul(a) * C;
            x = x * A + b.matmul(x);
        }
        return tall ? x.t() : x;
    }
}
