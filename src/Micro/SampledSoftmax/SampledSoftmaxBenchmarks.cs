using Bench.Harness.Torch;
using BenchmarkDotNet.Attributes;
using TorchSharp;
using static TorchSharp.torch;

namespace Bench.Micro.SampledSoftmax;

/// <summary>
/// Sampling-based training criteria (paper id <c>sampling-lm-criteria</c>: corrected sampling criteria
/// match full-softmax quality "with the expected speedups", no number): the output layer's forward and
/// backward for the char-GPT's 32 x 64 tokens at width 128, full softmax over the vocabulary against
/// sampled softmax with K = 1,024 log-uniform samples per batch (drawn inside the step) and the logQ
/// correction. Vocabularies: tinyshakespeare's words (12,631 lower-cased, the word-level LM the paper card
/// calls for) and GPT-2's 50,257 to show the trend. NCE is not implemented.
/// </summary>
[Papers("sampling-lm-criteria")]
public class SampledSoftmaxBenchmarks
{
    const int Tokens = 32 * 64;
    const int Width = 128;
    const int Samples = 1024;

    Tensor hidden = null!;
    Tensor weight = null!;
    Tensor targets = null!;
    LogUniformSampler sampler = null!;
    Generator generator = null!;

    [Params(12_631, 50_257)]
    public int Vocabulary { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        TorchSetup.Initialize("cpu", threads: 2);
        generator = new Generator(0);
        sampler = new LogUniformSampler(Vocabulary);
        hidden = randn(Tokens, Width, generator: generator).requires_grad_();
        weight = (randn(Vocabulary, Width, generator: generator) / Math.Sqrt(Width)).requires_grad_();
        targets = sampler.Sample(Tokens, generator);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        hidden.Dispose();
        weight.Dispose();
        targets.Dispose();
        sampler.Dispose();
        generator.Dispose();
    }

    [Benchmark(Baseline = true)]
    public void FullSoftmax()
    {
        using var scope = NewDisposeScope();
        ZeroGradients();
        SoftmaxLoss.Full(hidden, weight, targets).backward();
    }

    [Benchmark]
    public void SampledWithCorrection()
    {
        using var scope = NewDisposeScope();
        ZeroGradients();
        SoftmaxLoss.Sampled(hidden, weight, targets, sampler.Sample(Samples, generator), sampler.Probabilities).backward();
    }

    void ZeroGradients()
    {
        hidden.grad?.zero_();
        weight.grad?.zero_();
    }
}
