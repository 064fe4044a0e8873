using Bench.Tests.Shared;
using Bench.Workloads.ModAdd;

namespace Bench.Workloads.Tests.ModAdd;

public class ModularAdditionDataTests
{
    [Fact]
    public void Every_pair_is_in_exactly_one_split_with_the_right_answer()
    {
        using var data = new ModularAdditionData(7, 0.6, TorchFixture.Cpu);
        var train = data.TrainInputs.data<long>().ToArray();
        var validation = data.ValidationInputs.data<long>().ToArray();
        var trainTargets = data.TrainTargets.data<long>().ToArray();

        Assert.Equal(29, data.TrainCount); // round(49 * 0.6)
        Assert.Equal(49 - 29, (int)data.ValidationInputs.shape[0]);
        var pairs = train.Chunk(3).Concat(validation.Chunk(3)).Select(t => (t[0], t[1])).ToList();
        Assert.Equal(49, pairs.Distinct().Count());
        Assert.All(train.Chunk(3).Concat(validation.Chunk(3)), t => Assert.Equal(7, t[2])); // the "=" token
        Assert.All(train.Chunk(3).Zip(trainTargets), x => Assert.Equal((x.First[0] + x.First[1]) % 7, x.Second));
    }

    [Fact]
    public void The_split_is_fixed_and_does_not_depend_on_the_trial()
    {
        using var a = new ModularAdditionData(11, 0.5, TorchFixture.Cpu);
        using var b = new ModularAdditionData(11, 0.5, TorchFixture.Cpu);
        Assert.Equal(a.ValidationInputs.data<long>().ToArray(), b.ValidationInputs.data<long>().ToArray());
    }

    [Fact]
    public void Bad_settings_fail_clearly() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ModularAdditionData(7, 1.0, TorchFixture.Cpu));
}
