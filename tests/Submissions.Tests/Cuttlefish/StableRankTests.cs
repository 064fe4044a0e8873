using Bench.Submissions.Cuttlefish;
using Bench.Tests.Shared;
using TorchSharp;
using static TorchSharp.torch;

namespace Bench.Submissions.Tests.Cuttlefish;

public class StableRankTests
{
    [Fact]
    public void Stable_rank_is_the_squared_frobenius_over_the_squared_spectral_norm_of_known_matrices()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        // Singular values 3, 2, 1: (9 + 4 + 1) / 9.
        Assert.Equal(14.0 / 9, StableRank.Of(diag(tensor(new float[] { 3, 2, 1 }))), 6);
        // The same singular values in a rotated 4x3 matrix: the stable rank does not depend on the basis.
        var q = linalg.qr(randn(4, 4, generator: new Generator(1), dtype: ScalarType.Float64)).Q;
        var rotated = q.narrow(1, 0, 3).mm(diag(tensor(new double[] { 3, 2, 1 })));
        Assert.Equal(14.0 / 9, StableRank.Of(rotated), 6);
        Assert.Equal(5, StableRank.Of(eye(5)), 6);
        Assert.Equal(1, StableRank.Of(ones(4, 7)), 6);
        Assert.Equal(0, StableRank.Of(zeros(3, 3)));
    }

    [Fact]
    public void A_convolution_weight_is_seen_as_the_matrix_out_by_in_k_squared()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        // [4, 2, 3, 3] -> [4, 18] whose rows are orthogonal with norms 2, 1, 1, 1: (4 + 1 + 1 + 1) / 4.
        var matrix = zeros(4, 18);
        matrix[0, 0] = tensor(2f);
        for (var i = 1; i < 4; i++) matrix[i, 5 * i] = tensor(1f);
        var weight = matrix.reshape(4, 2, 3, 3);
        Assert.Equal(7.0 / 4, StableRank.Of(weight), 6);
        Assert.Equal(4, StableRank.FullRank(weight));
        Assert.Equal(9, StableRank.FullRank(zeros(12, 1, 3, 3)));
    }
}
