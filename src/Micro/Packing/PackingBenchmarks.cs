using Bench.Harness.Torch;
using BenchmarkDotNet.Attributes;
using static TorchSharp.torch;

namespace Bench.Micro.Packing;

/// <summary>
/// Sequence packing (paper id <c>packmamba</c>, claims 3.06x throughput over single-sequence processing
/// on an A100, for Mamba): one training step (forward, per-document losses, backward) of a one-block LM
/// (char-GPT block: width 128, 4 heads; vocabulary 1,024) on a batch of SST-2-length documents, padded
/// to 56 tokens against packed into 56-token rows with positions restarting and attention masked at
/// document boundaries. The model is a transformer, not an SSM: the boundary-aware scan that PackMamba
/// adds is, for attention, the block-diagonal causal mask. The layout is built untimed, as a data loader
/// would. Sizes: the sst2 workload's batch (64) and 4x that.
/// </summary>
[Papers("packmamba")]
public class PackingBenchmarks
{
    const int Vocabulary = 1024;
    const int Width = 128;
    const int Heads = 4;
    TinyLm model = null!;
    SequenceBatch padded = null!;
    SequenceBatch packed = null!;

    [Params(64, 256)]
    public int Documents { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        TorchSetup.Initialize("cpu", threads: 2);
        TorchSetup.Seed(0);
        model = new TinyLm(Vocabulary, Sst2Lengths.PaddedLength, Width, Heads);
        var documents = SequenceBatch.RandomDocuments(Documents, Vocabulary, seed: 0);
        padded = SequenceBatch.Padded(documents, Sst2Lengths.PaddedLength);
        packed = SequenceBatch.Packed(documents, Sst2Lengths.PaddedLength);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        model.Dispose();
        padded.Dispose();
        packed.Dispose();
    }

    [Benchmark(Baseline = true)]
    public void PaddedBatch() => Step(padded);

    [Benchmark]
    public void PackedWithBoundaries() => Step(packed);

    void Step(SequenceBatch batch)
    {
        using var scope = NewDisposeScope();
        model.zero_grad();
        model.PerDocumentLoss(batch).mean().backward();
    }
}
