using Bench.Tests.Shared;
using Bench.Workloads.Common;
using TorchSharp;

namespace Bench.Workloads.Tests.Common;

public class ClassificationMetricsTests
{
    [Fact]
    public void Accuracy_and_cross_entropy_match_hand_computed_values()
    {
        _ = TorchFixture.Cpu;
        // Row 0: logits (0, ln 3) -> p(class 1) = 3/4, correct. Row 1: (0, 0) -> p = 1/2, argmax 0, target 1: wrong.
        using var logits = torch.tensor(new float[] { 0, MathF.Log(3), 0, 0 }, [2, 2]);
        using var targets = torch.tensor(new long[] { 1, 1 });

        var evaluation = ClassificationMetrics.Evaluate(x => x.alias(), logits, targets, chunk: 1);

        Assert.Equal(0.5, evaluation["accuracy"]);
        Assert.Equal((-Math.Log(0.75) - Math.Log(0.5)) / 2, evaluation["loss"], 5);
    }
}
