using Bench.Contracts;

namespace Bench.Harness.Tests.Training;

public class TrainStreamCutTests
{
    [Fact]
    public void The_held_out_tail_is_cut_first_and_training_takes_the_front_of_the_rest()
    {
        var (train, heldOut) = new TrainStream(Fraction: 0.5, HeldOutFraction: 0.2).Cut(100);
        Assert.Equal(0..40, train);          // half of the 80 not held out
        Assert.Equal(80..100, heldOut);
        var (all, none) = TrainStream.All.Cut(100);
        Assert.Equal(0..100, all);
        Assert.Equal(100..100, none);
    }

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(1.5, 0.0)]
    [InlineData(1.0, -0.1)]
    [InlineData(1.0, 0.6)]
    [InlineData(double.NaN, 0.0)]
    public void Fractions_out_of_range_fail_clearly(double fraction, double heldOut) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TrainStream(fraction, heldOut).Cut(100));

    [Fact]
    public void A_split_that_leaves_nothing_to_train_on_fails() =>
        Assert.Throws<ArgumentException>(() => new TrainStream(Fraction: 0.001).Cut(100));
}
