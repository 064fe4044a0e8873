using TorchSharp;
using static TorchSharp.torch;

namespace Bench.Submissions.Flip;

/// <summary>
/// FLIP's (and MAE's) random masking: for each example, <see cref="Kept"/> distinct token positions out of all of them,
/// every subset of that size equally likely and drawn independently per example: the first <see cref="Kept"/> entries
/// of the argsort of i.i.d. uniform noise (a uniform random permutation). Draws from its own generator, so the choice
/// is reproducible from the trial's seed and leaves torch's global generator alone.
/// </summary>
public sealed class RandomTokenSubset(int kept, ulong seed) : IDisposable
{
    readonly Generator generator = new(seed);

    /// <summary>Positions kept per example.</summary>
    public int Kept => kept;

    /// <summary>
    /// The kept positions [batch, <see cref="Kept"/>] (int64, on the tokens' device) of <paramref name="tokens"/>
    /// [batch, count, ...]; a token selector (<see cref="Bench.Contracts.ITokenDroppingModel.TokenSelector"/>).
    /// </summary>
    public Tensor Select(Tensor tokens)
    {
        var (batch, count) = (tokens.shape[0], tokens.shape[1]);
        if (kept > count) throw new ArgumentException($"cannot keep {kept} of {count} tokens", nameof(tokens));
        // The noise is drawn on the CPU, where the generator lives; the positions then move to the tokens' device.
        return rand([batch, count], generator: generator).argsort(1).narrow(1, 0, kept).to(tokens.device);
    }

    /// <summary>Positions kept of <paramref name="tokens"/> at <paramref name="maskRatio"/>: round((1 − ratio) x tokens), at least 1.</summary>
    public static int KeptOf(int tokens, double maskRatio) =>
        Math.Max(1, (int)Math.Round((1 - maskRatio) * tokens, MidpointRounding.AwayFromZero));

    public void Dispose() => generator.Dispose();
}
