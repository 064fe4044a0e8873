namespace Bench.Contracts;

/// <summary>
/// The training stream a method asks the workload for. The workload cuts its training split the same way for every
/// seed: the last <see cref="HeldOutFraction"/> is held out (never trained on; a method may score its own choices on
/// it, as LCSC's coefficient search does), and the method trains on the first <see cref="Fraction"/> of the rest (a
/// data-limited regime, as one-epoch's and infinite-compute's controls need). A method that augments or orders the data its
/// own way does so in <see cref="TrainingMethod.TrainBatches"/>. The evaluation split belongs to none of this: it stays with
/// the harness.
/// </summary>
public sealed record TrainStream(double Fraction = 1.0, double HeldOutFraction = 0.0)
{
    /// <summary>The whole training split: what every method not asking otherwise gets.</summary>
    public static TrainStream All { get; } = new();

    /// <summary>
    /// The index ranges of the training part and the held-out part of a split of <paramref name="count"/> items
    /// (examples, or characters of a corpus). Fails clearly for fractions outside (0, 1] and [0, 0.5].
    /// </summary>
    public (Range Train, Range HeldOut) Cut(int count)
    {
        if (!(Fraction > 0 && Fraction <= 1))
            throw new ArgumentOutOfRangeException(nameof(Fraction), Fraction, "the training fraction must be in (0, 1]");
        if (!(HeldOutFraction >= 0 && HeldOutFraction <= 0.5))
            throw new ArgumentOutOfRangeException(nameof(HeldOutFraction), HeldOutFraction, "the held-out fraction must be in [0, 0.5]");
        var heldOut = (int)Math.Round(count * HeldOutFraction);
        var train = (int)Math.Round((count - heldOut) * Fraction);
        if (train < 1) throw new ArgumentException($"{this} leaves no training data out of {count} items");
        return (0..train, (count - heldOut)..count);
    }

    public override string ToString() =>
        $"train on {Fraction:P0} of the split, {HeldOutFraction:P0} held out";
}
