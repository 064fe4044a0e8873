namespace Bench.Micro.TensorBleu;

/// <summary>A batch shape for <see cref="TensorBleuBenchmarks"/>, printed as sentences x tokens.</summary>
public sealed record BleuSize(int Sentences, int Tokens)
{
    public override string ToString() => $"{Sentences}x{Tokens}";
}
