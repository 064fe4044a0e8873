using Bench.Submissions.MultistageDataFiltering;

namespace Bench.Submissions.Tests.MultistageDataFiltering;

/// <summary>The automatic threshold (the mean of the last window of warm-up losses) and the rows it keeps, by hand.</summary>
public class LossThresholdTests
{
    [Fact]
    public void The_threshold_is_the_mean_of_the_last_window_of_losses()
    {
        var threshold = new LossThreshold(window: 4);
        Assert.Null(threshold.Value);

        threshold.Add([1f, 2f]);
        Assert.Equal(1.5, threshold.Value);
        threshold.Add([3f, 4f, 5f, 6f]); // 1 and 2 drop out: (3 + 4 + 5 + 6) / 4
        Assert.Equal(4.5, threshold.Value);
        Assert.Equal(4, threshold.Count);
        threshold.Add([10f]); // (4 + 5 + 6 + 10) / 4
        Assert.Equal(6.25, threshold.Value);
    }

    [Fact]
    public void Rows_at_or_above_the_threshold_are_kept_in_order()
    {
        Assert.Equal([1, 2, 3], LossThreshold.Kept([0.2f, 0.5f, 0.9f, 0.5f], 0.5));
        Assert.Equal([0, 1, 2, 3], LossThreshold.Kept([0.6f, 0.5f, 0.9f, 0.7f], 0.5));
    }

    [Fact]
    public void When_no_row_reaches_the_threshold_the_hardest_alone_is_kept()
    {
        Assert.Equal([1], LossThreshold.Kept([0.1f, 0.3f, 0.2f], 1.0));
    }

    [Fact]
    public void A_window_below_one_example_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LossThreshold(0));
    }
}
