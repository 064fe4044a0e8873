using Bench.Micro.SampledSoftmax;
using Bench.Tests.Shared;
using TorchSharp;
using static TorchSharp.torch;

namespace Bench.Micro.Tests.SampledSoftmax;

public class SoftmaxLossTests
{
    [Fact]
    public void ProposalSumsToOneAndFavoursFrequentIds()
    {
        _ = TorchFixture.Cpu;
        using var sampler = new LogUniformSampler(1000);
        var q = sampler.Probabilities;
        Assert.Equal(1.0, q.to(ScalarType.Float64).sum().item<double>(), 5);
        Assert.True(q[0].item<float>() > q[999].item<float>());
    }

    [Fact]
    public void NormaliserEstimateIsUnbiasedOnAToyCase()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        // 8 classes, 3 examples, 4 samples per draw, averaged over 4,000 draws.
        var generator = new Generator(11);
        var hidden = randn(3, 4, generator: generator);
        var weight = randn(8, 4, generator: generator);
        var targets = tensor(new long[] { 0, 3, 7 });
        using var sampler = new LogUniformSampler(8);
        var exact = hidden.mm(weight.t()).to(ScalarType.Float64).exp().sum(1);

        const int Draws = 4000;
        var estimates = stack(Enumerable.Range(0, Draws)
            .Select(_ => SoftmaxLoss.NormaliserEstimate(hidden, weight, targets, sampler.Sample(4, generator), sampler.Probabilities))
            .ToArray());
        var mean = estimates.mean([0]);
        var standardError = estimates.std([0]) / Math.Sqrt(Draws);
        for (var i = 0; i < 3; i++)
        {
            var (m, z, se) = (mean[i].item<double>(), exact[i].item<double>(), standardError[i].item<double>());
            Assert.True(Math.Abs(m - z) < 4 * se, $"example {i}: mean estimate {m}, exact {z}, standard error {se}");
            Assert.True(Math.Abs(m - z) < 0.03 * z, $"example {i}: mean estimate {m} is not within 3% of {z}");
        }
    }

    [Fact]
    public void SampledLossApproachesFullLossWithManySamples()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        var generator = new Generator(12);
        var hidden = randn(16, 8, generator: generator);
        var weight = randn(200, 8, generator: generator) / 3;
        using var sampler = new LogUniformSampler(200);
        var targets = sampler.Sample(16, generator);
        var full = SoftmaxLoss.Full(hidden, weight, targets).item<float>();
        var sampled = SoftmaxLoss.Sampled(hidden, weight, targets, sampler.Sample(200_000, generator), sampler.Probabilities).item<float>();
        Assert.Equal(full, sampled, 0.02);
    }

    [Fact]
    public void SampledLossBackpropagatesIntoHiddenAndWeight()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        var generator = new Generator(13);
        var hidden = randn(4, 8, generator: generator).requires_grad_();
        var weight = randn(50, 8, generator: generator).requires_grad_();
        using var sampler = new LogUniformSampler(50);
        SoftmaxLoss.Sampled(hidden, weight, sampler.Sample(4, generator), sampler.Sample(10, generator), sampler.Probabilities).backward();
        Assert.True(hidden.grad!.isfinite().all().item<bool>() && hidden.grad!.abs().sum().item<float>() > 0);
        Assert.True(weight.grad!.isfinite().all().item<bool>() && weight.grad!.abs().sum().item<float>() > 0);
    }
}
