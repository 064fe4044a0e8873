namespace Bench.Micro;

/// <summary>
/// The paper ids (rows of <c>src/Submissions/Papers/papers.csv</c>) whose mechanism a benchmark class
/// measures. <c>results/micro/papers.csv</c> is the committed copy that <c>repro show</c> reads (it must not
/// load this assembly); a test keeps the two equal.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class PapersAttribute(params string[] ids) : Attribute
{
    /// <summary>The paper ids, in the order the class's doc names them.</summary>
    public IReadOnlyList<string> Ids { get; } = ids;
}
