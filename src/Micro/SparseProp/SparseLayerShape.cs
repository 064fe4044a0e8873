using System.Globalization;

namespace Bench.Micro.SparseProp;

/// <summary>
/// A linear layer of <see cref="Inputs"/> -> <see cref="Outputs"/> on a batch of <see cref="Batch"/> examples, its
/// weights <see cref="Sparsity"/> unstructured-sparse; <see cref="InputGradient"/>: whether the backward computes the
/// input's gradient (a hidden layer) or not (a network's first layer, whose input is the data).
/// </summary>
public sealed record SparseLayerShape(int Batch, int Inputs, int Outputs, double Sparsity, bool InputGradient)
{
    /// <summary>Printed in the params column, e.g. 128x256->256 s0.90 dX.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Batch}x{Inputs}->{Outputs} s{Sparsity:0.00}{(InputGradient ? " dX" : "")}");
}
