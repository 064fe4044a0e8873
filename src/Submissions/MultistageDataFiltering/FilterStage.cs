namespace Bench.Submissions.MultistageDataFiltering;

/// <summary>The paper's three stages.</summary>
public enum FilterStage
{
    /// <summary>Stage 0: normal training; the last warm-up batches are scored to set the loss threshold.</summary>
    WarmUp,

    /// <summary>Stage 1: every delivered example is scored; those below the threshold skip the backward pass; the meta-predictor learns.</summary>
    LossFilter,

    /// <summary>Stage 2: examples the meta-predictor calls easy skip the forward pass too; the rest are filtered as in stage 1.</summary>
    MetaFilter,
}
