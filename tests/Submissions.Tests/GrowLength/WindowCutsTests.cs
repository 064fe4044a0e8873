using Bench.Contracts;
using Bench.Submissions.GrowLength;
using Bench.Tests.Shared;
using static TorchSharp.torch;

namespace Bench.Submissions.Tests.GrowLength;

/// <summary>Cutting windows into pieces keeps every token, its target and their order; the offsets are each piece's start.</summary>
public class WindowCutsTests
{
    /// <summary>Three windows of 8 tokens, token (r, t) = 100 r + t, target = token + 1000, ids 10, 20, 30.</summary>
    static Batch Windows()
    {
        var x = arange(3 * 8, dtype: ScalarType.Int64).reshape(3, 8);
        var inputs = x.div(8, rounding_mode: RoundingMode.floor).mul(100) + x.remainder(8);
        return new Batch(inputs, inputs + 1000) { ExampleIds = [10, 20, 30] };
    }

    [Fact]
    public void Cutting_into_4_keeps_every_token_with_its_target_in_order_and_each_piece_in_its_window_order()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        var batch = Windows();

        var cut = WindowCuts.Cut(batch, 4);

        Assert.Equal([12L, 2L], cut.Inputs.shape);
        Assert.Equal([12L, 2L], cut.Targets.shape);
        for (var r = 0; r < 3; r++)
            for (var j = 0; j < 4; j++)
            {
                Assert.Equal(new long[] { 100 * r + 2 * j, 100 * r + 2 * j + 1 }, cut.Inputs[r * 4 + j].data<long>().ToArray());
                Assert.Equal(new long[] { 1000 + 100 * r + 2 * j, 1000 + 100 * r + 2 * j + 1 }, cut.Targets[r * 4 + j].data<long>().ToArray());
            }
        // Nothing lost, nothing added: the pieces laid back end to end are the windows.
        Assert.True(cut.Inputs.reshape(3, 8).eq(batch.Inputs).all().item<bool>());
        Assert.True(cut.Targets.reshape(3, 8).eq(batch.Targets).all().item<bool>());
        Assert.Equal([10L, 12, 14, 16, 20, 22, 24, 26, 30, 32, 34, 36], cut.ExampleIds!);
    }

    [Fact]
    public void One_piece_is_the_batch_itself_and_a_length_that_does_not_divide_the_window_is_refused()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        var batch = Windows();
        Assert.Same(batch, WindowCuts.Cut(batch, 1));
        Assert.Throws<ArgumentException>(() => WindowCuts.Cut(batch, 3));
    }

    [Fact]
    public void Each_pieces_offset_is_its_start_in_its_window_and_whole_windows_start_at_0()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        var cut = WindowCuts.Cut(Windows(), 4);

        Assert.Equal(new long[] { 0, 2, 4, 6, 0, 2, 4, 6, 0, 2, 4, 6 }, WindowCuts.Offsets(cut.Inputs, 8).data<long>().ToArray());
        Assert.Equal(new long[] { 0, 0, 0 }, WindowCuts.Offsets(Windows().Inputs, 8).data<long>().ToArray());
        // The offset of each piece plus its tokens' steps gives back each token's column in its window: token (r, t) = 100 r + t.
        var positions = WindowCuts.Offsets(cut.Inputs, 8).unsqueeze(1) + arange(2, dtype: ScalarType.Int64);
        Assert.True(positions.eq(cut.Inputs.remainder(100)).all().item<bool>());
    }
}
