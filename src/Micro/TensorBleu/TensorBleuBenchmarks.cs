using Bench.Harness.Torch;
using BenchmarkDotNet.Attributes;
using static TorchSharp.torch;

namespace Bench.Micro.TensorBleu;

/// <summary>
/// TensorBLEU (paper id <c>tensorbleu</c>; claims 13x on a T4 and 40x on an A100, against NLTK on the CPU):
/// per-sentence token-id BLEU for a batch, a C# loop over sentences against two vectorized versions: the
/// faithful port (<c>unique(dim: 0)</c> dictionary and offset <c>bincount</c>) and packed int64 n-gram
/// keys counted through a flat <c>unique</c> (<see cref="NGramCounting"/>). Our loop is compiled C#, not
/// Python, and no GPU is involved, so the paper's factors are not expected to transfer; the table says
/// what vectorizing buys on a CPU. Sizes: the char-GPT's samples (vocabulary 65, context 64, batch 32)
/// and a larger batch of longer sequences (256 x 256).
/// </summary>
[Papers("tensorbleu")]
public class TensorBleuBenchmarks
{
    const int Vocabulary = 65;
    BleuBatch batch = null!;

    /// <summary>Sentences x tokens: the char-GPT's cpu batch and context, then 8x the batch at 4x the length.</summary>
    public static IEnumerable<BleuSize> Sizes => [new(32, 64), new(256, 256)];

    [ParamsSource(nameof(Sizes))]
    public BleuSize Size { get; set; } = new(32, 64);

    [GlobalSetup]
    public void Setup()
    {
        TorchSetup.Initialize("cpu", threads: 2);
        batch = BleuBatch.Random(Size.Sentences, Size.Tokens, Vocabulary, seed: 0);
    }

    [GlobalCleanup]
    public void Cleanup() => batch.Dispose();

    [Benchmark(Baseline = true)]
    public double PerSentenceLoop() => LoopedBleu.Batch(batch, BleuSmoothing.Floor)[0];

    [Benchmark]
    public double VectorizedTensorBleu() => Vectorized(NGramCounting.TensorBleu);

    [Benchmark]
    public double VectorizedPackedKeys() => Vectorized(NGramCounting.PackedKeys);

    double Vectorized(NGramCounting counting)
    {
        using var scope = NewDisposeScope();
        return VectorizedBleu.Batch(batch, BleuSmoothing.Floor, counting)[0].item<double>();
    }
}

