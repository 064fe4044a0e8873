namespace Bench.Submissions.ExpertChoiceMoe;

/// <summary>How a <see cref="MixtureOfExperts"/> assigns the batch's tokens to its experts.</summary>
public enum MoeRouting
{
    /// <summary>
    /// Expert choice (Zhou et al. 2022): each expert takes the k tokens of the batch it scores highest, k = n·c/E, so every
    /// expert gets exactly k tokens and a token gets any number of experts (none: it passes through the residual).
    /// </summary>
    ExpertChoice,

    /// <summary>
    /// Token choice, top-1 (Switch Transformer, Fedus et al. 2021): each token goes to its highest-scoring expert, which
    /// takes at most c·n/E tokens in batch order; the rest are dropped (residual only). Trained with Switch's auxiliary
    /// load-balancing loss.
    /// </summary>
    TokenChoiceTop1,
}
