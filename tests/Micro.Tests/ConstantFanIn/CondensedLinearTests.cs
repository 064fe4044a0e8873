using Bench.Micro.ConstantFanIn;
using Bench.Submissions.Mechanisms;
using Bench.Tests.Shared;
using TorchSharp;
using static TorchSharp.torch;

namespace Bench.Micro.Tests.ConstantFanIn;

/// <summary>
/// The inference kernels of the SRigL benchmark compute the dense masked layer: the condensed constant fan-in layer and
/// the CSR layer equal <see cref="ConstantFanInLinear"/> (the layer SRigL trains) on one example, and the dense kernel equals
/// torch's linear.
/// </summary>
public class CondensedLinearTests
{
    const int Outputs = 37;
    const int Inputs = 53; // not a multiple of any vector width: the dot products' tails run

    static (float[] Weight, float[] Bias, float[] Input) Data(int seed)
    {
        var random = new Random(seed);
        return (ConstantFanInBenchmarks.Normal(random, Outputs * Inputs), ConstantFanInBenchmarks.Normal(random, Outputs),
            ConstantFanInBenchmarks.Normal(random, Inputs));
    }

    /// <summary>The masked layer's output for one example, via torch.</summary>
    static float[] MaskedDense(float[] weight, float[] bias, bool[] mask, float[] input)
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var layer = new ConstantFanInLinear(tensor(weight, [Outputs, Inputs]), tensor(bias), mask);
        return layer.forward(tensor(input, [1, Inputs])).data<float>().ToArray();
    }

    static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-5f * (1 + Math.Abs(expected[i])), $"output {i}: {actual[i]} != {expected[i]}");
    }

    [Theory]
    [InlineData(5)]
    [InlineData(16)]
    [InlineData(53)]
    public void The_condensed_layer_equals_the_dense_masked_layer(int fanIn)
    {
        var (weight, bias, input) = Data(fanIn);
        var mask = ConstantFanInMask.Random(Outputs, Inputs, fanIn, new Random(1));
        var condensed = new CondensedLinear(weight, mask, bias, Outputs, Inputs);
        var y = new float[Outputs];

        condensed.Forward(input, y);

        Assert.Equal(fanIn, condensed.FanIn);
        AssertClose(MaskedDense(weight, bias, mask, input), y);
    }

    [Fact]
    public void An_ablated_neuron_outputs_its_bias_and_the_others_the_masked_product()
    {
        var (weight, bias, input) = Data(3);
        var mask = ConstantFanInMask.Random(Outputs, Inputs, 7, new Random(2));
        foreach (var ablated in new[] { 0, 11, Outputs - 1 }) Array.Clear(mask, ablated * Inputs, Inputs);
        var condensed = new CondensedLinear(weight, mask, bias, Outputs, Inputs);
        var y = new float[Outputs];

        condensed.Forward(input, y);

        Assert.Equal(Outputs - 3, condensed.ActiveNeurons);
        Assert.Equal(bias[11], y[11]);
        AssertClose(MaskedDense(weight, bias, mask, input), y);
    }

    [Fact]
    public void The_csr_layer_equals_the_dense_masked_layer_on_an_unstructured_mask()
    {
        var (weight, bias, input) = Data(4);
        var mask = ConstantFanInBenchmarks.UnstructuredMask(new Random(3), Outputs * Inputs, 200);
        var csr = new CsrInferenceLinear(weight, mask, bias, Outputs, Inputs);
        var y = new float[Outputs];

        csr.Forward(input, y);

        Assert.Equal(200, csr.NonZeros);
        Assert.True(ConstantFanInMask.FanIns(mask, Outputs, Inputs).Distinct().Count() > 1, "the test mask should not have constant fan-in");
        AssertClose(MaskedDense(weight, bias, mask, input), y);
    }

    [Fact]
    public void The_dense_kernel_equals_the_full_layer()
    {
        var (weight, bias, input) = Data(5);
        var dense = new DenseVectorLinear(weight, bias, Outputs, Inputs);
        var y = new float[Outputs];

        dense.Forward(input, y);

        AssertClose(MaskedDense(weight, bias, Enumerable.Repeat(true, Outputs * Inputs).ToArray(), input), y);
    }

    [Fact]
    public void A_mask_without_constant_fan_in_cannot_be_condensed()
    {
        var (weight, bias, _) = Data(6);
        var mask = ConstantFanInMask.Random(Outputs, Inputs, 7, new Random(4));
        mask[Array.IndexOf(mask, false)] = true; // neuron 0 gets an eighth input

        var error = Assert.Throws<ArgumentException>(() => new CondensedLinear(weight, mask, bias, Outputs, Inputs));
        Assert.Contains("one fan-in for every active neuron", error.Message);
    }

    [Fact]
    public void The_benchmark_layers_have_the_claimed_sparsity_and_the_workload_shapes_come_first()
    {
        Assert.Equal(new InferenceShape(784, 256, 0.9), ConstantFanInBenchmarks.Shapes.First());
        var benchmark = new ConstantFanInBenchmarks { Shape = new InferenceShape(784, 256, 0.9) };
        benchmark.Setup();
        benchmark.Condensed();
        // floor(784 x 256 x 0.1) = 20,070 non-zeros over 256 neurons: fan-in 78.
        Assert.Equal(78, ConstantFanInMask.FanIn(ConstantFanInMask.NonZeros(256, 784, 0.9), 256, 784));
    }
}
