using TorchSharp;
using static TorchSharp.torch;

namespace Bench.Micro.SampledSoftmax;

/// <summary>
/// The log-uniform (Zipfian) proposal q(j) = log((j + 2) / (j + 1)) / log(V + 1) over ids sorted by
/// frequency, the usual proposal for sampled softmax over a word vocabulary.
/// </summary>
public sealed class LogUniformSampler : IDisposable
{
    /// <summary>A proposal over <paramref name="vocabulary"/> classes.</summary>
    public LogUniformSampler(int vocabulary)
    {
        using var ids = arange(vocabulary, dtype: ScalarType.Float64);
        using var raw = ((ids + 2) / (ids + 1)).log() / Math.Log(vocabulary + 1);
        Probabilities = raw.to(ScalarType.Float32);
    }

    /// <summary>q [vocabulary]; sums to 1.</summary>
    public Tensor Probabilities { get; }

    /// <summary><paramref name="count"/> ids drawn with replacement from q.</summary>
    public Tensor Sample(int count, Generator? generator = null) => multinomial(Probabilities, count, replacement: true, generator: generator);

    public void Dispose() => Probabilities.Dispose();
}
