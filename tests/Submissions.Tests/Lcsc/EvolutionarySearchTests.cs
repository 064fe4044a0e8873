using Bench.Submissions.Lcsc;

namespace Bench.Submissions.Tests.Lcsc;

public class EvolutionarySearchTests
{
    static readonly double[] Optimum = [0.1, -0.2, 0.3, 0.8];   // sums to 1: reachable by an affine combination

    static double Distance(double[] w) => w.Zip(Optimum, (a, b) => (a - b) * (a - b)).Sum();

    [Fact]
    public void Candidates_are_projected_onto_sum_one_and_a_zero_sum_vector_becomes_uniform()
    {
        Assert.Equal(new[] { 0.25, 0.75 }, EvolutionarySearch.Normalize([1, 3]));
        Assert.Equal(new[] { -1.0, 2.0 }, EvolutionarySearch.Normalize([-1, 2]));
        Assert.Equal(new[] { 0.5, 0.5 }, EvolutionarySearch.Normalize([1, -1]));
    }

    [Fact]
    public void The_search_approaches_a_known_optimum_and_never_returns_worse_than_its_best_start()
    {
        double[] uniform = [0.25, 0.25, 0.25, 0.25];
        var search = new EvolutionarySearch(offspring: 4, generations: 300, sigma: 0.05, new Random(1));
        var result = search.Minimize(Distance, [uniform, [0, 0, 0, 1]]);

        Assert.Equal(2 + 4 * 300, result.Evaluations);
        Assert.Equal(1.0, result.Best.Sum(), 9);
        Assert.True(result.Fitness <= Distance(uniform));
        Assert.True(result.Fitness < 0.01, $"distance {result.Fitness} after 1200 candidates");
        Assert.Equal(Distance(result.Best), result.Fitness, 12);
    }

    [Fact]
    public void A_diverged_candidate_never_wins()
    {
        var search = new EvolutionarySearch(offspring: 3, generations: 2, sigma: 0.2, new Random(1));
        double[] good = [0.5, 0.5];
        var result = search.Minimize(w => w[0] == 0.5 ? 1.0 : double.NaN, [good]);
        Assert.Equal(good, result.Best);
        Assert.Equal(1.0, result.Fitness);
    }
}
