using Bench.Contracts;
using static TorchSharp.torch;

namespace Bench.Workloads.Common;

/// <summary>Top-1 accuracy and mean cross-entropy of a classifier over a held-out set, chunk by chunk.</summary>
public static class ClassificationMetrics
{
    /// <summary>Evaluates <paramref name="forward"/> on (inputs, targets) in chunks of <paramref name="chunk"/> rows.</summary>
    public static Evaluation Evaluate(Func<Tensor, Tensor> forward, Tensor inputs, Tensor targets, int chunk = 2048)
    {
        var count = inputs.shape[0];
        double correct = 0, lossSum = 0;
        for (long start = 0; start < count; start += chunk)
        {
            using var scope = NewDisposeScope();
            var length = Math.Min(chunk, count - start);
            var logits = forward(inputs.narrow(0, start, length));
            var y = targets.narrow(0, start, length);
            correct += logits.argmax(1).eq(y).sum().item<long>();
            lossSum += nn.functional.cross_entropy(logits, y, reduction: nn.Reduction.Sum).item<float>();
        }
        return new Evaluation(new Dictionary<string, double>
        {
            ["accuracy"] = correct / count,
            ["loss"] = lossSum / count,
        });
    }
}
