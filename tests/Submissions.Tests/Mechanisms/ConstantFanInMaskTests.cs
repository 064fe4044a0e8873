using Bench.Submissions.Mechanisms;

namespace Bench.Submissions.Tests.Mechanisms;

/// <summary>
/// Golden tests of SRigL's mask rule (<see cref="ConstantFanInMask"/>): constant fan-in at init and after updates, the
/// magnitude pruning and per-neuron gradient regrowth on hand-made layers, neuron ablation at γ_sal and its floor, and RigL's
/// cosine drop-fraction schedule.
/// </summary>
public class ConstantFanInMaskTests
{
    [Fact]
    public void A_random_mask_gives_every_neuron_exactly_the_fan_in()
    {
        var mask = ConstantFanInMask.Random(64, 100, 10, new Random(0));

        Assert.All(ConstantFanInMask.FanIns(mask, 64, 100), f => Assert.Equal(10, f));
        var rows = Enumerable.Range(0, 64).Select(o => string.Concat(mask.Skip(o * 100).Take(100).Select(m => m ? '1' : '0'))).ToHashSet();
        Assert.True(rows.Count > 60, "neurons should draw their inputs independently");
    }

    [Theory]
    [InlineData(256, 784, 0.9, 20_070, 78)]
    [InlineData(256, 256, 0.9, 6_553, 25)]
    [InlineData(128, 784, 0.9, 10_035, 78)]
    public void The_budget_and_fan_in_follow_the_reference_rounding(int outputs, int inputs, double sparsity, int nonZeros, int fanIn)
    {
        Assert.Equal(nonZeros, ConstantFanInMask.NonZeros(outputs, inputs, sparsity));
        Assert.Equal(fanIn, ConstantFanInMask.FanIn(nonZeros, outputs, inputs));
    }

    [Fact]
    public void An_update_keeps_the_largest_weights_and_regrows_each_neuron_by_its_largest_gradients()
    {
        // Two neurons of four inputs, fan-in 2. Drop half: the active magnitudes 5, 1 | 3, 2 keep 5 and 3.
        float[] weight = [5, 0, 1, 0, /**/ 0, 3, 0, 2];
        bool[] mask = [true, false, true, false, /**/ false, true, false, true];
        float[] gradient = [0, 9, 0.5f, 0.1f, /**/ 7, 0, 0.2f, 0.3f];

        var update = ConstantFanInMask.Update(weight, gradient, mask, 2, 4, 4, 0.5, 0.3, ablate: false);

        Assert.Equal([true, true, false, false, /**/ true, true, false, false], update.Mask);
        Assert.Equal([false, true, false, false, /**/ true, false, false, false], update.Regrown);
        Assert.Equal(2, update.FanIn);
        Assert.Empty(update.Ablated);
    }

    [Fact]
    public void A_neuron_without_enough_salient_weights_is_ablated_and_the_others_share_its_budget()
    {
        // Three neurons, fan-in 2 (6 non-zeros). Drop a third (2 weights): 0.1 and 0.2 of neuron 2 go; the two largest
        // gradients of the layer (8 in neuron 0, 6 in neuron 1) are salient. Neuron 2 has no salient weight: below
        // max(1, floor(0.3 x 2)) = 1, ablated; the other two share the 6 non-zeros, fan-in 3.
        float[] weight = [5, 4, 0, 0, /**/ 0, 0, 3, 2.5f, /**/ 0.1f, 0.2f, 0, 0];
        bool[] mask = [true, true, false, false, /**/ false, false, true, true, /**/ true, true, false, false];
        float[] gradient = [0, 0, 8, 1, /**/ 6, 0.5f, 0, 0, /**/ 0.01f, 0.02f, 0.03f, 0.04f];

        var update = ConstantFanInMask.Update(weight, gradient, mask, 3, 4, 6, 1.0 / 3, 0.3, ablate: true);

        Assert.Equal([2], update.Ablated);
        Assert.Equal(3, update.FanIn);
        Assert.Equal([true, true, true, false, /**/ true, false, true, true, /**/ false, false, false, false], update.Mask);
        Assert.Equal([3, 3, 0], ConstantFanInMask.FanIns(update.Mask, 3, 4));

        // Without ablation the same layer keeps all three neurons at fan-in 2.
        var kept = ConstantFanInMask.Update(weight, gradient, mask, 3, 4, 6, 1.0 / 3, 0.3, ablate: false);
        Assert.Equal([2, 2, 2], ConstantFanInMask.FanIns(kept.Mask, 3, 4));
    }

    [Fact]
    public void Ablation_never_leaves_fewer_neurons_than_the_budget_needs()
    {
        // 7 non-zeros over inputs of 4 need at least 2 neurons, however few salient weights they have.
        var weight = new float[12];
        var gradient = new float[12];
        var mask = ConstantFanInMask.Random(3, 4, 2, new Random(1));

        var update = ConstantFanInMask.Update(weight, gradient, mask, 3, 4, 7, 0.3, 0.99, ablate: true);

        Assert.True(update.Ablated.Count <= 1, $"ablated {update.Ablated.Count} of 3 neurons");
        Assert.True(update.FanIn <= 4);
    }

    [Fact]
    public void Random_layers_keep_constant_fan_in_through_many_updates_and_ablated_neurons_have_none()
    {
        const int outputs = 48, inputs = 60;
        var random = new Random(7);
        var nonZeros = ConstantFanInMask.NonZeros(outputs, inputs, 0.9);
        var mask = ConstantFanInMask.Random(outputs, inputs, ConstantFanInMask.FanIn(nonZeros, outputs, inputs), random);
        var ablatedAny = false;
        for (var t = 1; t <= 20; t++)
        {
            var weight = new float[outputs * inputs];
            var gradient = new float[outputs * inputs];
            for (var p = 0; p < weight.Length; p++)
            {
                // A few neurons with tiny weights and gradients: candidates for ablation.
                var scale = p / inputs % 8 == 0 ? 1e-4f : 1f;
                weight[p] = mask[p] ? scale * (float)(random.NextDouble() - 0.5) : 0;
                gradient[p] = scale * (float)(random.NextDouble() - 0.5);
            }

            var update = ConstantFanInMask.Update(weight, gradient, mask, outputs, inputs, nonZeros,
                ConstantFanInMask.DropFraction(t, 0.3, 25), 0.3, ablate: true);

            var fanIns = ConstantFanInMask.FanIns(update.Mask, outputs, inputs);
            for (var o = 0; o < outputs; o++) Assert.Equal(update.Ablated.Contains(o) ? 0 : update.FanIn, fanIns[o]);
            Assert.True(update.FanIn * (outputs - update.Ablated.Count) <= nonZeros);
            Assert.All(Enumerable.Range(0, weight.Length).Where(p => update.Regrown[p]), p => Assert.True(update.Mask[p]));
            ablatedAny |= update.Ablated.Count > 0;
            mask = update.Mask;
        }
        Assert.True(ablatedAny, "the tiny neurons should have been ablated at some update");
    }

    [Fact]
    public void The_drop_fraction_decays_by_a_cosine_from_alpha_to_zero_at_the_end()
    {
        Assert.Equal(0.3, ConstantFanInMask.DropFraction(0, 0.3, 1000), 12);
        Assert.Equal(0.15, ConstantFanInMask.DropFraction(500, 0.3, 1000), 12);
        Assert.Equal(0.3 / 2 * (1 + Math.Cos(Math.PI / 4)), ConstantFanInMask.DropFraction(250, 0.3, 1000), 12);
        Assert.Equal(0, ConstantFanInMask.DropFraction(1000, 0.3, 1000));
        Assert.Equal(0, ConstantFanInMask.DropFraction(2000, 0.3, 1000));
        var schedule = Enumerable.Range(0, 11).Select(i => ConstantFanInMask.DropFraction(i * 100, 0.3, 1000)).ToArray();
        Assert.Equal(schedule.OrderDescending(), schedule);
    }
}
