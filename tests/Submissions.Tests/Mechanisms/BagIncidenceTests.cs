using Bench.Submissions.Mechanisms;
using Bench.Tests.Shared;
using static TorchSharp.torch;

namespace Bench.Submissions.Tests.Mechanisms;

/// <summary>Golden tests of SparseTransX's batch incidence matrix on hand-made triples.</summary>
public class BagIncidenceTests
{
    // Three entities, two relations: (0, 1, 2), (2, 0, 1) and (1, 1, 1), whose head is its tail.
    static Tensor Triples() => tensor(new long[] { 0, 1, 2, 2, 0, 1, 1, 1, 1 }, [3, 3]);

    static Tensor TransE(Tensor triples) => BagIncidence.Build(triples, [0, 3, 0], [1, 1, -1], columns: 5);

    [Fact]
    public void Each_row_has_exactly_plus_one_at_the_head_plus_one_at_the_relations_row_and_minus_one_at_the_tail()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();

        var incidence = TransE(Triples());

        Assert.Equal([3L, 5L], incidence.shape);
        var rows = incidence.SparseIndices[0].data<long>().ToArray();
        var columns = incidence.SparseIndices[1].data<long>().ToArray();
        var values = incidence.SparseValues.data<float>().ToArray();
        var entries = rows.Select((r, k) => (Row: r, Column: columns[k], Value: values[k])).ToList();
        // Per row, in bag order: head at its id, relation at 3 + its id, tail at its id.
        long[][] expected = [[0, 4, 2], [2, 3, 1], [1, 4, 1]];
        for (var row = 0; row < 3; row++)
        {
            var own = entries.Where(e => e.Row == row).ToList();
            Assert.Equal(3, own.Count);
            Assert.Equal([1f, 1f, -1f], own.Select(e => e.Value));
            Assert.Equal(expected[row], own.Select(e => e.Column));
        }
    }

    [Fact]
    public void Its_product_with_a_table_is_head_plus_relation_minus_tail_and_a_self_loop_cancels()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        var table = arange(10, dtype: ScalarType.Float32).view(5, 2).square(); // rows 0-2 entities, 3-4 relations

        var product = mm(TransE(Triples()), table);

        var expected = stack([table[0] + table[4] - table[2], table[2] + table[3] - table[1], table[1] + table[4] - table[1]]);
        Assert.True(product.eq(expected).all().item<bool>(), string.Join(", ", product.data<float>().ToArray()));
        Assert.True(product[2].eq(table[4]).all().item<bool>(), "h = t must leave the relation alone");
    }

    [Fact]
    public void Ids_that_do_not_match_the_bag_are_refused()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        Assert.Throws<ArgumentException>(() => BagIncidence.Build(zeros(4, 2, dtype: ScalarType.Int64), [0, 3, 0], [1, 1, -1], 5));
        Assert.Throws<ArgumentException>(() => BagIncidence.Build(zeros(4, 3, dtype: ScalarType.Int64), [0, 3, 0], [1, 1], 5));
    }
}
