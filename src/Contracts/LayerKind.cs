namespace Bench.Contracts;

/// <summary>The map a replaceable layer computes, which any replacement must compute with the same shapes.</summary>
public enum LayerKind
{
    /// <summary><c>[..., in] -> [..., out]</c>, applied at every position (token) independently.</summary>
    Linear,

    /// <summary><c>[batch, in, length] -> [batch, out, length']</c>, a 1-D convolution.</summary>
    Conv1d,

    /// <summary><c>[batch, in, height, width] -> [batch, out, height', width']</c>, a 2-D convolution.</summary>
    Conv2d,

    /// <summary>
    /// <c>[batch, bag] -> [batch, out]</c> from int64 ids: each output row a fixed signed sum of rows of the layer's
    /// embedding table, one per id of the row's bag (<see cref="IEmbeddingBag"/>, which the layer implements): TransE's
    /// h + r − t is the bag (h, r, t) with signs (+1, +1, −1).
    /// </summary>
    EmbeddingBag,

    /// <summary>
    /// <c>[batch, tokens, width] -> [batch, tokens, width]</c>: a whole transformer block, a map of the sequence (its tokens
    /// interact), listed in <see cref="IReplaceableLayers.Blocks"/> so a method can wrap it (route or drop tokens).
    /// </summary>
    Block,

    /// <summary>
    /// <c>[..., in] -> [..., out]</c> at every position through a hidden layer of <see cref="LayerSlot.Hidden"/> features
    /// (two linear maps and an activation): a transformer block's feed-forward network as one unit
    /// (<see cref="IReplaceableLayers.Composites"/>), which a mixture of experts replaces.
    /// </summary>
    FeedForward,
}
