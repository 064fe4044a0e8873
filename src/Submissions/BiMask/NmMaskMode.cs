namespace Bench.Submissions.BiMask;

/// <summary>How an <see cref="NmConv2d"/> masks the two products that use its weight.</summary>
public enum NmMaskMode
{
    /// <summary>Bi-Mask: a 2:4 forward mask along the inputs and a separate 2:4 backward mask along the (permuted) outputs.</summary>
    Bidirectional,

    /// <summary>The paper's baseline: one transposable 2:4 mask, 2:4 along inputs and outputs, for both products.</summary>
    Transposable,
}
