using Bench.Submissions.Mechanisms;
using BenchmarkDotNet.Attributes;

namespace Bench.Micro.ConstantFanIn;

/// <summary>
/// SRigL's inference claim (paper id <c>srigl</c>: online, batch-1 CPU inference of a 90%-sparse constant fan-in layer 3.6x
/// faster than dense and 2x faster than unstructured CSR): one example through one linear layer, dense
/// (<see cref="DenseVectorLinear"/>, the baseline), unstructured CSR at the same sparsity (<see cref="CsrInferenceLinear"/>, a
/// uniformly random mask) and condensed constant fan-in (<see cref="CondensedLinear"/>, a random constant fan-in mask from
/// <see cref="ConstantFanInMask"/>, the form SRigL trains), all C# kernels on the same weights. Shapes: the fashion-mnist cpu
/// MLP's two hidden layers (784 -> 256, 256 -> 256, the workload SRigL trains here) and a wide layer (4096 -> 4096) to show
/// the trend, all at the claim's 90% sparsity. Single thread (the kernels do not parallelise).
/// </summary>
[Papers("srigl")]
public class ConstantFanInBenchmarks
{
    DenseVectorLinear dense = null!;
    CsrInferenceLinear csr = null!;
    CondensedLinear condensed = null!;
    float[] input = null!;
    float[] output = null!;

    public static IEnumerable<InferenceShape> Shapes => [new(784, 256, 0.9), new(256, 256, 0.9), new(4096, 4096, 0.9)];

    [ParamsSource(nameof(Shapes))]
    public InferenceShape Shape { get; set; } = new(784, 256, 0.9);

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(0);
        var (outputs, inputs) = (Shape.Outputs, Shape.Inputs);
        var weight = Normal(random, outputs * inputs);
        var bias = Normal(random, outputs);
        var nonZeros = ConstantFanInMask.NonZeros(outputs, inputs, Shape.Sparsity);
        var constantFanIn = ConstantFanInMask.Random(outputs, inputs, ConstantFanInMask.FanIn(nonZeros, outputs, inputs), random);
        dense = new DenseVectorLinear(weight, bias, outputs, inputs);
        csr = new CsrInferenceLinear(weight, UnstructuredMask(random, outputs * inputs, constantFanIn.Count(m => m)), bias, outputs, inputs);
        condensed = new CondensedLinear(weight, constantFanIn, bias, outputs, inputs);
        input = Normal(random, inputs);
        output = new float[outputs];
    }

    [Benchmark(Baseline = true)]
    public void Dense() => dense.Forward(input, output);

    [Benchmark]
    public void Csr() => csr.Forward(input, output);

    [Benchmark]
    public void Condensed() => condensed.Forward(input, output);

    /// <summary>Standard normal draws (Box-Muller).</summary>
    public static float[] Normal(Random random, int count)
    {
        var values = new float[count];
        for (var i = 0; i < count; i++)
            values[i] = (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
        return values;
    }

    /// <summary>A uniformly random mask of exactly <paramref name="nonZeros"/> of <paramref name="size"/> positions (any fan-ins).</summary>
    public static bool[] UnstructuredMask(Random random, int size, int nonZeros)
    {
        var order = Enumerable.Range(0, size).ToArray();
        var mask = new bool[size];
        for (var i = 0; i < nonZeros; i++)
        {
            var j = i + random.Next(size - i);
            (order[i], order[j]) = (order[j], order[i]);
            mask[order[i]] = true;
        }
        return mask;
    }
}
