using Bench.Submissions.Common;

namespace Bench.Submissions.Tests.Common;

public class OneCycleTests
{
    // Cycle of 100 steps, peak 1, divFactor 10, 10% annihilation: 10 annihilation steps, halves of 45 steps.
    [Theory]
    [InlineData(0, 0.1)]                 // starts at peak / 10
    [InlineData(45, 1.0)]                // top of the cycle: 0.1 + 0.9 * 45/45
    [InlineData(30, 0.7)]                // 0.1 + 0.9 * 30/45
    [InlineData(60, 0.7)]                // falling: 1 - 0.9 * 15/45
    [InlineData(90, 0.1)]                // back at the start value when annihilation begins
    [InlineData(99, 0.001)]              // annihilated to 0.1 / 100
    [InlineData(150, 0.001)]             // held after the cycle
    public void Rate_rises_falls_then_annihilates(long step, double expected) =>
        Assert.Equal(expected, OneCycle.LearningRate(step, 100, peak: 1), 9);

    [Theory]
    [InlineData(0, 0.95)]
    [InlineData(45, 0.85)]   // lowest momentum at the highest rate
    [InlineData(90, 0.95)]
    [InlineData(95, 0.95)]
    public void Momentum_moves_against_the_rate(long step, double expected) =>
        Assert.Equal(expected, OneCycle.Momentum(step, 100), 9);
}
