namespace Bench.Micro.LowRank;

/// <summary>
/// A linear layer of <see cref="Inputs"/> -> <see cref="Outputs"/> applied to <see cref="Tokens"/> rows, and the rank of its factorized form.
/// </summary>
public sealed record LowRankShape(int Tokens, int Inputs, int Outputs, int Rank)
{
    /// <summary>Printed in the params column, e.g. 2048x128->512 r32.</summary>
    public override string ToString() => $"{Tokens}x{Inputs}->{Outputs} r{Rank}";
}
