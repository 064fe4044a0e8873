namespace Bench.Contracts;

/// <summary>
/// What a replaceable layer does in its model, so a method can choose layers by role instead of by name
/// (factorise the feed-forward layers, keep the head dense, route the feed-forward block to experts).
/// </summary>
public enum LayerRole
{
    /// <summary>The attention block's input projection to queries, keys and values.</summary>
    AttentionInput,

    /// <summary>The attention block's output projection back to the residual width.</summary>
    AttentionOutput,

    /// <summary>A transformer feed-forward block's first layer (width to 4 x width).</summary>
    FeedForwardUp,

    /// <summary>A transformer feed-forward block's second layer (4 x width back to width).</summary>
    FeedForwardDown,

    /// <summary>A hidden layer of a multilayer perceptron.</summary>
    Hidden,

    /// <summary>A convolution of a convolutional network's body.</summary>
    Convolution,

    /// <summary>The last layer, producing the logits.</summary>
    Head,

    /// <summary>
    /// Looks inputs up or embeds them: TransE's translation h + r − t from its embedding tables, or a vision transformer's
    /// first layer mapping each raw image patch to the model's width.
    /// </summary>
    Embedding,

    /// <summary>A whole transformer block (attention and feed-forward with their residuals and norms).</summary>
    TransformerBlock,

    /// <summary>
    /// A transformer block's whole feed-forward network (<see cref="FeedForwardUp"/>, activation,
    /// <see cref="FeedForwardDown"/>) as one replaceable unit (<see cref="IReplaceableLayers.Composites"/>).
    /// </summary>
    FeedForward,
}
