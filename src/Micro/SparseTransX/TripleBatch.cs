using TorchSharp;
using static TorchSharp.torch;

namespace Bench.Micro.SparseTransX;

/// <summary>
/// A batch for margin-ranking TransE: <see cref="Positive"/> triples [batch, 3] of (head, relation, tail)
/// ids and <see cref="Negative"/> copies with the head or the tail replaced by a random entity.
/// </summary>
public sealed class TripleBatch : IDisposable
{
    TripleBatch(Tensor positive, Tensor negative) => (Positive, Negative) = (positive, negative);

    public Tensor Positive { get; }
    public Tensor Negative { get; }

    /// <summary>Uniformly random triples and corruptions, deterministic in <paramref name="seed"/>.</summary>
    public static TripleBatch Random(GraphSize size, int seed)
    {
        var random = new Random(seed);
        var positive = new long[size.BatchSize * 3];
        var negative = new long[size.BatchSize * 3];
        for (var i = 0; i < size.BatchSize; i++)
        {
            positive[3 * i] = random.Next(size.Entities);
            positive[3 * i + 1] = random.Next(size.Relations);
            positive[3 * i + 2] = random.Next(size.Entities);
            Array.Copy(positive, 3 * i, negative, 3 * i, 3);
            negative[3 * i + (random.Next(2) == 0 ? 0 : 2)] = random.Next(size.Entities);
        }
        return new TripleBatch(
            tensor(positive, [size.BatchSize, 3]),
            tensor(negative, [size.BatchSize, 3]));
    }

    public void Dispose()
    {
        Positive.Dispose();
        Negative.Dispose();
    }
}
