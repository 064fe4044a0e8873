using Bench.Submissions.Nino;

namespace Bench.Submissions.Tests.Nino;

public class LinearNowcastTests
{
    [Fact]
    public void Weights_for_two_checkpoints_extrapolate_the_segment()
    {
        // c = 2, horizon 1: positions 0, 1, predict x = 2 -> 2*theta1 - theta0
        Assert.Equal([-1.0, 2.0], LinearNowcast.Weights(2, 1));
    }

    [Fact]
    public void A_straight_trajectory_is_continued_exactly_and_a_constant_one_stays()
    {
        var weights = LinearNowcast.Weights(5, 2);
        double[] line = [3, 5, 7, 9, 11];                       // slope 2 per interval
        Assert.Equal(15, weights.Zip(line, (w, y) => w * y).Sum(), 9);   // two intervals past 11
        Assert.Equal(1, weights.Sum(), 12);
    }

    [Fact]
    public void Noisy_points_follow_the_least_squares_line()
    {
        // points (0,0), (1,2), (2,1): mean x 1, mean y 1, slope = ((-1)(-1) + (0)(1) + (1)(0)) / 2 = 0.5
        // prediction at x = 3: 1 + 0.5 * 2 = 2
        var weights = LinearNowcast.Weights(3, 1);
        Assert.Equal(2, weights[0] * 0 + weights[1] * 2 + weights[2] * 1, 12);
    }
}
