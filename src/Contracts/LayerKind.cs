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
    /// <c>[..., in] -> [..., out]</c> at every position through a hidden layer of <see cref="LayerSlot.Hidden"/> features
    /// (two linear maps and an activation): a transformer block's feed-forward network as one unit
    /// (<see cref="IReplaceableLayers.Composites"/>), which a mixture of experts replaces.
    /// </summary>
    FeedForward,
}
