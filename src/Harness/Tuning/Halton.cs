namespace Bench.Harness.Tuning;

/// <summary>
/// The Halton low-discrepancy sequence: point i (from 1) has coordinate d equal to the radical inverse of i in the
/// d-th prime base. Quasi-random search over a hyperparameter box covers it more evenly than independent draws,
/// which is why AlgoPerf's tuning rules use it.
/// </summary>
public static class Halton
{
    static readonly int[] Primes = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53];

    /// <summary>The radical inverse of <paramref name="index"/> in <paramref name="radix"/>: its digits mirrored behind the point.</summary>
    public static double RadicalInverse(long index, int radix)
    {
        if (index < 0) throw new ArgumentOutOfRangeException(nameof(index));
        double result = 0, scale = 1.0 / radix;
        for (var i = index; i > 0; i /= radix, scale /= radix) result += i % radix * scale;
        return result;
    }

    /// <summary>Points 1..<paramref name="count"/> of the <paramref name="dimensions"/>-dimensional sequence, each in [0, 1)^d.</summary>
    public static IReadOnlyList<double[]> Points(int count, int dimensions)
    {
        if (dimensions > Primes.Length) throw new ArgumentOutOfRangeException(nameof(dimensions), $"at most {Primes.Length} dimensions");
        return [.. Enumerable.Range(1, count).Select(i => Enumerable.Range(0, dimensions).Select(d => RadicalInverse(i, Primes[d])).ToArray())];
    }
}
