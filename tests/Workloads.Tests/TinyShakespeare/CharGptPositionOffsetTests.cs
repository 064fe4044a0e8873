using Bench.Tests.Shared;
using Bench.Workloads.TinyShakespeare;
using TorchSharp;
using static TorchSharp.torch;

namespace Bench.Workloads.Tests.TinyShakespeare;

/// <summary>
/// The char-GPT's position offsets (<see cref="Bench.Contracts.IPositionOffsetModel"/>): unset, nothing changes; set, a
/// row's tokens are embedded at positions offset .. offset + tokens − 1 in training, and evaluation ignores them.
/// </summary>
public class CharGptPositionOffsetTests
{
    const int Context = 16;

    /// <summary>The same initial weights every call (smoke-like shape: 2 blocks, width 32, 65 characters).</summary>
    static CharGpt Model()
    {
        torch.manual_seed(7);
        return new CharGpt(vocabulary: 65, Context, width: 32, layers: 2, heads: 4);
    }

    static Tensor Inputs(long rows, long tokens)
    {
        torch.manual_seed(3);
        return randint(0, 65, [rows, tokens], dtype: ScalarType.Int64);
    }

    static Tensor PositionTable(CharGpt model) => model.named_parameters().Single(p => p.name == "positions.weight").parameter;

    static double Gap(Tensor a, Tensor b) => (a - b).abs().max().item<float>();

    [Fact]
    public void Unset_offsets_and_zero_offsets_give_the_workloads_own_forward_in_training_and_in_evaluation()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var model = Model();
        var x = Inputs(3, Context);
        model.train();
        Assert.Null(model.PositionOffsets);
        var unset = model.forward(x);

        model.PositionOffsets = input => zeros(input.shape[0], dtype: ScalarType.Int64);
        Assert.Equal(0, Gap(unset, model.forward(x)));
        model.eval();
        Assert.Equal(0, Gap(unset, model.forward(x))); // dropout 0: training and evaluation compute the same
        Assert.Equal(Context, model.Positions);
    }

    [Theory]
    [InlineData(0, 4)]
    [InlineData(4, 4)]
    [InlineData(12, 4)]
    [InlineData(8, 8)]
    public void A_row_offset_by_k_is_embedded_at_positions_k_to_k_plus_length_minus_1(int offset, int length)
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var model = Model();
        using var shifted = Model();
        // The shifted model's table starts where the offset row's positions do: its row t is the model's row k + t.
        using (no_grad())
            PositionTable(shifted).narrow(0, 0, Context - offset).copy_(PositionTable(model).narrow(0, offset, Context - offset));
        var x = Inputs(2, length);
        model.train();
        shifted.train();
        model.PositionOffsets = input => full(input.shape[0], offset, dtype: ScalarType.Int64);

        var atOffset = model.forward(x);
        var reference = shifted.forward(x);

        Assert.True(Gap(atOffset, reference) < 1e-6, $"offset {offset}: differs from positions {offset}..{offset + length - 1} by {Gap(atOffset, reference)}");
        if (offset > 0)
        {
            model.PositionOffsets = null;
            Assert.True(Gap(model.forward(x), reference) > 1e-3, "the offset made no difference: the test cannot tell positions apart");
        }
    }

    [Fact]
    public void Each_row_takes_its_own_offset_and_evaluation_ignores_them()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var model = Model();
        var x = Inputs(2, 4);
        model.train();
        model.PositionOffsets = input => tensor(new long[] { 0, 12 });
        var mixed = model.forward(x);
        model.PositionOffsets = input => full(input.shape[0], 12L, dtype: ScalarType.Int64);
        var both12 = model.forward(x);
        model.PositionOffsets = null;
        var both0 = model.forward(x);

        Assert.Equal(0, Gap(mixed[0], both0[0]));
        Assert.Equal(0, Gap(mixed[1], both12[1]));

        model.PositionOffsets = input => full(input.shape[0], 12L, dtype: ScalarType.Int64);
        model.eval();
        Assert.Equal(0, Gap(model.forward(x), both0));
    }
}
