using static TorchSharp.torch;

namespace Bench.Workloads.ModAdd;

/// <summary>
/// Every pair (a, b) with 0 &lt;= a, b &lt; p, split once into train and validation by a fixed
/// permutation (seed <see cref="SplitSeed"/>), so every trial sees the same task; the trial seed only
/// changes initialisation and batch order. Inputs are <c>[a, b, p]</c> where token p is "=".
/// </summary>
public sealed class ModularAdditionData : IDisposable
{
    /// <summary>Tokens per example: a, b and "=".</summary>
    public const int SequenceLength = 3;

    /// <summary>The split never depends on the trial seed.</summary>
    public const int SplitSeed = 1234;

    public ModularAdditionData(int modulus, double trainFraction, Device device)
    {
        if (modulus < 2) throw new ArgumentOutOfRangeException(nameof(modulus));
        if (trainFraction is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(trainFraction));
        Modulus = modulus;
        var pairs = modulus * modulus;
        var order = Enumerable.Range(0, pairs).ToArray();
        new Random(SplitSeed).Shuffle(order);
        var trainCount = (int)Math.Round(pairs * trainFraction);
        (TrainInputs, TrainTargets) = Encode(order[..trainCount], modulus, device);
        (ValidationInputs, ValidationTargets) = Encode(order[trainCount..], modulus, device);
    }

    public int Modulus { get; }
    public Tensor TrainInputs { get; }
    public Tensor TrainTargets { get; }
    public Tensor ValidationInputs { get; }
    public Tensor ValidationTargets { get; }
    public int TrainCount => (int)TrainInputs.shape[0];

    static (Tensor Inputs, Tensor Targets) Encode(int[] pairIds, int modulus, Device device)
    {
        var inputs = new long[pairIds.Length * SequenceLength];
        var targets = new long[pairIds.Length];
        for (var i = 0; i < pairIds.Length; i++)
        {
            var (a, b) = (pairIds[i] / modulus, pairIds[i] % modulus);
            inputs[i * SequenceLength] = a;
            inputs[i * SequenceLength + 1] = b;
            inputs[i * SequenceLength + 2] = modulus;
            targets[i] = (a + b) % modulus;
        }
        // The scope frees the host copies; the device tensors are detached to live as long as the run.
        using var scope = NewDisposeScope();
        var x = tensor(inputs, [pairIds.Length, SequenceLength]).to(device).DetachFromDisposeScope();
        var y = tensor(targets).to(device).DetachFromDisposeScope();
        return (x, y);
    }

    public void Dispose()
    {
        TrainInputs.Dispose();
        TrainTargets.Dispose();
        ValidationInputs.Dispose();
        ValidationTargets.Dispose();
    }
}
