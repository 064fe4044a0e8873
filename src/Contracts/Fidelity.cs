namespace Bench.Contracts;

/// <summary>How much of its paper a submission implements; every table carries the mark, and a proxy never gets the paper's verdict.</summary>
public enum Fidelity
{
    /// <summary>The paper's method at our scale; differences are of scale only (the card says which).</summary>
    Faithful,
    /// <summary>Part of the paper's method: its card names what is missing; verdicts are marked partial.</summary>
    Partial,
    /// <summary>A stand-in for the paper's method (e.g. the baseline the paper compares against): measured, never judged as the paper.</summary>
    Proxy,
}
