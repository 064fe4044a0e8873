using Bench.Harness.Statistics;

namespace Bench.Harness.Tests.Statistics;

public class MannWhitneyTests
{
    [Fact]
    public void Complete_separation_has_the_smallest_exact_p()
    {
        // x = 6..10 above y = 1..5: ranks of x are 6..10, R = 40, U = 40 − 15 = 25 = nm;
        // only one of the C(10,5) = 252 rank assignments is that extreme: p = 1/252.
        var result = MannWhitney.Greater([6, 7, 8, 9, 10], [1, 2, 3, 4, 5]);
        Assert.Equal(25, result.U);
        Assert.Equal(1.0 / 252, result.PValue, 12);
        Assert.Equal((0.0, 1.0), (MannWhitney.Greater([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]).U, MannWhitney.Greater([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]).PValue));
    }

    [Fact]
    public void Ties_use_midranks_and_the_exact_permutation_distribution()
    {
        // x = [3,3], y = [1,3]: ranks 1 | 3,3,3 (midrank of positions 2..4); R_x = 6, U = 6 − 3 = 3.
        // The 6 two-element subsets: 3 contain the 1 (sum 4), 3 do not (sum 6): P(sum ≥ 6) = 1/2.
        var result = MannWhitney.Greater([3, 3], [1, 3]);
        Assert.Equal((3.0, 0.5), (result.U, result.PValue));
    }

    [Fact]
    public void The_shift_moves_y_before_ranking()
    {
        Assert.Equal(1.0 / 252, MannWhitney.Greater([6, 7, 8, 9, 10], [1, 2, 3, 4, 5], shift: 0.5).PValue, 12);
        Assert.Equal(1.0, MannWhitney.Greater([6, 7, 8, 9, 10], [1, 2, 3, 4, 5], shift: 10).PValue, 12);
    }

    [Fact]
    public void Normal_approximation_with_continuity_correction()
    {
        // n = m = 10, no ties: μ = 50, σ² = 10·10·21/12 = 175; U = 80: z = (80 − 0.5 − 50)/√175 = 2.2300, 1 − Φ(z) = 0.012874.
        Assert.Equal(0.012874, MannWhitney.NormalUpperTail(80, 10, 10, 175), 6);
    }

    [Fact]
    public void Large_samples_use_the_approximation_and_agree_with_separation()
    {
        var x = Enumerable.Range(100, 30).Select(v => (double)v).ToArray();
        var y = Enumerable.Range(0, 30).Select(v => (double)v).ToArray();
        var result = MannWhitney.Greater(x, y);
        Assert.Equal(900, result.U);
        Assert.True(result.PValue < 1e-9);
    }
}
