namespace Bench.Micro.ConstantFanIn;

/// <summary>A linear layer of <see cref="Inputs"/> -> <see cref="Outputs"/> at <see cref="Sparsity"/>, applied to one example.</summary>
public sealed record InferenceShape(int Inputs, int Outputs, double Sparsity)
{
    /// <summary>Printed in the params column, e.g. 784->256 s0.9.</summary>
    public override string ToString() => $"{Inputs}->{Outputs} s{Sparsity:0.##}";
}
