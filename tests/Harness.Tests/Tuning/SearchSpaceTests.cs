using Bench.Contracts;
using Bench.Harness.Tuning;

namespace Bench.Harness.Tests.Tuning;

public class SearchSpaceTests
{
    // An entry of AlgoPerf's own baseline space (algorithmic-efficiency, reference_algorithms/.../tuning_search_space.json).
    const string AlgoPerfStyle = """
        {
          "learning_rate": {"min": 2e-4, "max": 0.05, "scaling": "log"},
          "one_minus_beta1": {"min": 0.02, "max": 0.2, "scaling": "log"},
          "warmup_factor": {"feasible_points": [0.05]},
          "dropout_rate": {"min": 0.0, "max": 0.1, "scaling": "linear"}
        }
        """;

    [Fact]
    public void Reads_algoperfs_format_ranges_log_scale_and_feasible_points()
    {
        var space = SearchSpace.Parse(AlgoPerfStyle, "test");

        Assert.Equal(["learning_rate", "one_minus_beta1", "warmup_factor", "dropout_rate"], space.Dimensions.Select(d => d.Name));
        var lr = space.Dimensions[0];
        Assert.True(lr.Log);
        Assert.Equal((2e-4, 0.05), (lr.Min, lr.Max));
        Assert.Equal([0.05], space.Dimensions[2].FeasiblePoints!);
        Assert.False(space.Dimensions[3].Log);
    }

    [Fact]
    public void A_value_is_interpolated_on_the_dimensions_scale()
    {
        var log = new SearchDimension("lr", 1e-4, 1e-2, Log: true, null, Relative: false);
        Assert.Equal(1e-3, log.At(0.5, 1), 12);                 // geometric midpoint of 1e-4 and 1e-2
        var linear = new SearchDimension("w", 0, 0.1, Log: false, null, Relative: false);
        Assert.Equal(0.025, linear.At(0.25, 1), 12);
        var relative = new SearchDimension("lr", 0.25, 4, Log: true, null, Relative: true);
        Assert.Equal(2e-3, relative.At(0.5, 2e-3), 12);       // midpoint of 1/4x..4x is 1x the default
        Assert.Equal(0.3, new SearchDimension("d", double.NaN, double.NaN, false, [0.1, 0.2, 0.3], false).At(0.99, 1));
    }

    [Fact]
    public void Halton_points_are_the_radical_inverses_in_bases_2_and_3()
    {
        Assert.Equal(0.5, Halton.RadicalInverse(1, 2));
        Assert.Equal(0.25, Halton.RadicalInverse(2, 2));
        Assert.Equal(0.75, Halton.RadicalInverse(3, 2));
        Assert.Equal(1 / 3.0, Halton.RadicalInverse(1, 3), 15);
        Assert.Equal(2 / 3.0, Halton.RadicalInverse(2, 3), 15);
        Assert.Equal(1 / 9.0, Halton.RadicalInverse(3, 3), 15);
        var points = Halton.Points(4, 2);
        Assert.Equal([0.5, 1 / 3.0], points[0]);
        Assert.Equal([0.125, 4 / 9.0], points[3]);
    }

    [Fact]
    public void Sixteen_halton_points_cover_each_dimension_evenly()
    {
        var points = Halton.Points(16, 3);
        for (var d = 0; d < 3; d++)
        {
            var quarters = points.GroupBy(p => (int)(p[d] * 4)).Select(g => g.Count()).ToList();
            Assert.Equal(4, quarters.Count);
            Assert.All(quarters, c => Assert.InRange(c, 3, 6));
        }
    }

    [Fact]
    public void Points_map_through_the_space_with_relative_dimensions_scaled_by_the_default()
    {
        var space = SearchSpace.Parse(
            """{"learning_rate": {"min": 0.25, "max": 4, "scaling": "log", "relative": true}, "warmup_fraction": {"min": 0, "max": 0.1}}""", "test");

        var points = space.Halton(2, new Dictionary<string, double> { ["learning_rate"] = 0.002 });

        Assert.Equal(0.002, points[0]["learning_rate"], 12);   // u = 0.5: the default itself
        Assert.Equal(0.1 / 3, points[0]["warmup_fraction"], 12);
        Assert.Equal(0.001, points[1]["learning_rate"], 12);   // u = 0.25: a quarter of the way on a log scale = 1/2x
        Assert.Equal(3 * 3, space.Grid(3, new Dictionary<string, double> { ["learning_rate"] = 0.002 }).Count);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("""{"lr": {"min": 1}}""")]
    [InlineData("""{"lr": {"min": 0, "max": 1, "scaling": "log"}}""")]
    [InlineData("""{"lr": {"min": 2, "max": 1}}""")]
    [InlineData("""{"lr": {"min": 1, "max": 2, "scaling": "cubic"}}""")]
    [InlineData("""{"lr": {"feasible_points": []}}""")]
    [InlineData("not json")]
    public void A_bad_space_is_one_clear_error_naming_the_file(string json)
    {
        var error = Assert.Throws<ConfigException>(() => SearchSpace.Parse(json, "space.json"));
        Assert.Contains("space.json", error.Message);
    }

    [Fact]
    public void A_relative_dimension_over_a_zero_default_asks_for_absolute_bounds()
    {
        var space = SearchSpace.Parse("""{"weight_decay": {"min": 0.1, "max": 10, "scaling": "log", "relative": true}}""", "test");
        var error = Assert.Throws<ConfigException>(() => space.Halton(4, new Dictionary<string, double> { ["weight_decay"] = 0 }));
        Assert.Contains("absolute", error.Message);
    }
}
