namespace Bench.Micro.TensorBleu;

/// <summary>
/// Smoothing of zero n-gram precisions (Chen &amp; Cherry 2014; the NLTK method numbers in brackets). The
/// modified precision of order n is clipped / max(1, candidate n-grams).
/// </summary>
public enum BleuSmoothing
{
    /// <summary>No smoothing: any zero precision makes the score 0.</summary>
    None,

    /// <summary>A zero numerator becomes 0.1 (method1, epsilon 0.1).</summary>
    Floor,

    /// <summary>Orders n &gt;= 2 use (clipped + 1) / (count + 1) (method2, Lin &amp; Och 2004).</summary>
    AddOne,

    /// <summary>The k-th zero precision becomes 1 / (2^k count) (method3, the NIST geometric sequence).</summary>
    Exponential,
}
