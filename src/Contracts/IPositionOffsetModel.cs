using TorchSharp;

namespace Bench.Contracts;

/// <summary>
/// Implemented by a sequence model with a table of learned absolute positions that lets a method say, in training, at
/// which position each row's first token sits: a method that trains on pieces cut from longer windows (shorter
/// sequences, a length schedule) keeps every token at the position it has in the window it was cut from, so the whole
/// table keeps training. Evaluation (<c>eval()</c> mode) always numbers each row's tokens from 0.
/// </summary>
public interface IPositionOffsetModel
{
    /// <summary>Positions the model has: a row's tokens must sit at positions <c>0 .. Positions - 1</c>.</summary>
    int Positions { get; }

    /// <summary>
    /// Applied by the model's forward pass in training mode only: given the batch's input ids <c>[batch, tokens]</c>,
    /// returns each row's first position, <c>[batch]</c> int64, so row <c>r</c>'s token <c>t</c> sits at position
    /// <c>offsets[r] + t</c> (at most <see cref="Positions"/> - 1). Null (the default): every row starts at 0.
    /// </summary>
    Func<torch.Tensor, torch.Tensor>? PositionOffsets { get; set; }
}
