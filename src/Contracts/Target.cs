namespace Bench.Contracts;

/// <summary>The quality a trial must reach on the held-out split: <c>Metric</c> at or past <c>Value</c>.</summary>
public sealed record Target(string Metric, MetricDirection Direction, double Value)
{
    /// <summary>True when <paramref name="measured"/> meets the target; NaN never does.</summary>
    public bool IsMetBy(double measured) =>
        !double.IsNaN(measured) && (Direction == MetricDirection.Higher ? measured >= Value : measured <= Value);

    public override string ToString() => $"{Metric} {(Direction == MetricDirection.Higher ? ">=" : "<=")} {Value:G4}";
}
