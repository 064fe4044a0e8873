namespace Bench.Contracts;

/// <summary>
/// A model whose dropout rate a method may set. Workload baselines train without dropout (rate 0, which draws no
/// random numbers, so the baseline is unchanged); a paper whose control is a regularised run (one-epoch) sets it.
/// </summary>
public interface IDropoutModel
{
    /// <summary>Probability of zeroing an activation in training mode; 0 disables dropout.</summary>
    double Dropout { get; set; }
}
