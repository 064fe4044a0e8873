namespace Bench.Harness.Gate;

/// <summary>One way a measured trial differs from the committed reference.</summary>
public sealed record GateDifference(string Key, string Field, string Reference, string Measured);
