namespace Bench.Contracts;

/// <summary>The hyperparameter record of a submission with nothing to tune (test fakes).</summary>
public sealed record NoHyperparameters
{
    /// <summary>The one instance.</summary>
    public static NoHyperparameters Instance { get; } = new();
}
