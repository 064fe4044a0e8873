using Bench.Micro.Packing;
using Bench.Tests.Shared;
using static TorchSharp.torch;

namespace Bench.Micro.Tests.Packing;

public class PackingTests
{
    [Fact]
    public void PackedAndPaddedGiveIdenticalPerDocumentLosses()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        TorchSharp.torch.manual_seed(0);
        using var model = new TinyLm(vocabulary: 50, maxPosition: Sst2Lengths.PaddedLength, width: 32, heads: 4);
        var documents = SequenceBatch.RandomDocuments(24, vocabulary: 50, seed: 1);
        using var padded = SequenceBatch.Padded(documents, Sst2Lengths.PaddedLength);
        using var packed = SequenceBatch.Packed(documents, Sst2Lengths.PaddedLength);
        Assert.True(packed.Rows < padded.Rows / 2, $"{packed.Rows} packed rows for {padded.Rows} documents");

        var paddedLosses = model.PerDocumentLoss(padded);
        var packedLosses = model.PerDocumentLoss(packed);
        Assert.Equal(24, packedLosses.shape[0]);
        Assert.True(paddedLosses.allclose(packedLosses, rtol: 0, atol: 1e-5), $"max difference {(paddedLosses - packedLosses).abs().max().item<float>()}");
    }

    [Fact]
    public void PackingPlacesDocumentsFirstFitAndMasksBoundaries()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        // Widths 5: [a a a] goes to row 0, [b b b] does not fit there -> row 1, [c c] fills row 0.
        using var batch = SequenceBatch.Packed([[1, 1, 1], [2, 2, 2], [3, 3]], width: 5);
        Assert.Equal(new long[] { 1, 1, 1, 3, 3, 2, 2, 2, 0, 0 }, batch.Tokens.data<long>().ToArray());
        Assert.Equal(new long[] { 0, 1, 2, 0, 1, 0, 1, 2, 0, 0 }, batch.Positions.data<long>().ToArray());
        // Token 3 (first of document c) sees only itself, not document a before it.
        var row0 = batch.AttentionMask![0, 0, 3].data<bool>().ToArray();
        Assert.Equal(new[] { false, false, false, true, false }, row0);
        // Targets never cross a boundary: the last token of each document has none (bucket 3).
        Assert.Equal(new long[] { 0, 0, 3, 2, 3, 1, 1, 3, 3, 3 }, batch.TargetDocuments.data<long>().ToArray());
    }

    [Fact]
    public void SampledLengthsFollowSst2()
    {
        var lengths = Sst2Lengths.Sample(20_000, seed: 0);
        Assert.InRange(lengths.Average(), 18.5, 20.0); // SST-2 train mean: 19.3 words
        Assert.InRange(lengths.Min(), 2, 3);
        Assert.InRange(lengths.Max(), 48, Sst2Lengths.PaddedLength);
    }
}
