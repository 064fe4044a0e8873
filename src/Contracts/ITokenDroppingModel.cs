using TorchSharp;

namespace Bench.Contracts;

/// <summary>
/// Implemented by a workload model that runs its layers over a sequence of tokens per example (a vision transformer's
/// image patches) and lets a method choose, in training, which of each example's tokens enter its layers: token dropping
/// (masked patches, dropped tokens). The model keeps every token's own position whatever the selection, so a kept token is
/// encoded as it would be unselected; evaluation (<c>eval()</c> mode) always sees every token.
/// </summary>
public interface ITokenDroppingModel
{
    /// <summary>Tokens per example that enter the model's layers when none is dropped.</summary>
    int Tokens { get; }

    /// <summary>
    /// Applied by the model's forward pass in training mode only: given the batch's tokens <c>[batch, Tokens, features]</c>
    /// before its first layer, returns the positions each example keeps, <c>[batch, kept]</c> int64 in <c>0 .. Tokens - 1</c>
    /// (distinct within a row, the same count in every row). Null (the default) keeps every token.
    /// </summary>
    Func<torch.Tensor, torch.Tensor>? TokenSelector { get; set; }

    /// <summary>
    /// Forward FLOPs of one example when <paramref name="tokens"/> of its tokens enter the layers, counted by the workload's
    /// analytic formula (x 3 for training, <see cref="LayerFlops.TrainPerForward"/>); at <see cref="Tokens"/> it is the
    /// workload's own figure.
    /// </summary>
    double ForwardFlopsPerExample(int tokens);
}
