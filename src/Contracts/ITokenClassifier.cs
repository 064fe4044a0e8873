namespace Bench.Contracts;

/// <summary>
/// Implemented by a workload model that classifies padded token-id sequences (<c>[batch, length]</c> of
/// int64, padding id <see cref="PaddingToken"/>, returning <c>[batch, classes]</c> logits). It tells a
/// submission that replaces the architecture (fastText) what input and output the workload's loss and
/// evaluation expect, without the submission knowing the workload.
/// </summary>
public interface ITokenClassifier
{
    /// <summary>Token ids run from 0 to Vocabulary - 1.</summary>
    int Vocabulary { get; }

    /// <summary>The id that fills sentences up to the batch's length.</summary>
    int PaddingToken { get; }

    /// <summary>Number of classes (logit columns).</summary>
    int Classes { get; }
}
