using System.ComponentModel.DataAnnotations;
using Bench.Contracts;
using TorchSharp;

namespace Bench.Submissions.Common;

/// <summary>Settings of <see cref="OneCycleMethod"/>, chosen per workload by each paper's submission.</summary>
/// <param name="BatchSize">Examples per step (the baseline's).</param>
/// <param name="ProbeSteps">Most steps the LR range test may take (it stops early once the loss blows up).</param>
/// <param name="ProbeMin">First probed rate.</param>
/// <param name="ProbeMax">Last probed rate.</param>
/// <param name="CycleSteps">Length of the one cycle after the probe.</param>
/// <param name="WeightDecay">Coupled L2 weight decay.</param>
public sealed record OneCycleSettings(
    [property: Range(1, 1 << 20)] int BatchSize,
    [property: Range(1, 100000)] int ProbeSteps,
    [property: Range(1e-9, 1000)] double ProbeMin,
    [property: Range(1e-9, 1000)] double ProbeMax,
    [property: Range(1, long.MaxValue)] long CycleSteps,
    [property: Range(0, 10)] double WeightDecay);

/// <summary>
/// The LR range test run inside the trial (so its steps and seconds are charged), a rewind to the initial
/// weights, then one cycle of SGD with cyclical momentum. Shared by super-convergence and the disciplined
/// approach; they differ in cycle length and weight decay.
/// </summary>
public sealed class OneCycleMethod : TrainingMethod
{
    /// <summary>The probe stops when the smoothed loss exceeds this multiple of its minimum (fastai's rule).</summary>
    const double BlowUp = 4;

    readonly torch.nn.Module model;
    readonly OneCycleSettings settings;
    readonly NesterovSgd sgd;
    readonly Snapshot initial;
    readonly List<double> rates = [];
    readonly List<double> losses = [];
    long cycleStart = -1;

    public OneCycleMethod(torch.nn.Module model, OneCycleSettings settings)
    {
        this.model = model;
        this.settings = settings;
        sgd = new NesterovSgd(model.parameters(), settings.WeightDecay);
        initial = Snapshot.Take(model);
    }

    /// <summary>The peak rate the range test chose; NaN while probing.</summary>
    public double Peak { get; private set; } = double.NaN;

    public override torch.nn.Module Model => model;

    public override int BatchSize => settings.BatchSize;

    public override void OptimizerStep(TrainingState state)
    {
        if (cycleStart < 0)
        {
            var rate = LrRangeTest.Rate(rates.Count, settings.ProbeSteps, settings.ProbeMin, settings.ProbeMax);
            rates.Add(rate);
            losses.Add(state.Loss?.item<float>() ?? double.NaN);
            sgd.Step(rate, momentum: 0.9);
            return;
        }
        var step = state.Step - cycleStart;
        sgd.Step(OneCycle.LearningRate(step, settings.CycleSteps, Peak), OneCycle.Momentum(step, settings.CycleSteps));
    }

    public override void AfterStep(TrainingState state)
    {
        if (cycleStart >= 0) return;
        var smoothed = LrRangeTest.Smooth(losses, LrRangeTest.SmoothingFor(settings.ProbeSteps));
        var blownUp = !double.IsFinite(smoothed[^1]) || smoothed[^1] > BlowUp * smoothed.Where(double.IsFinite).Min();
        if (!blownUp && rates.Count < settings.ProbeSteps) return;
        Peak = LrRangeTest.PickPeak(rates, losses);
        // Stderr is the trial's log: the chosen peak is the one number a reader needs to judge the probe.
        Console.Error.WriteLine($"LR range test: peak {Peak:G3} after {rates.Count} probe steps");
        initial.RestoreInto(model);
        sgd.ResetMomentum();
        cycleStart = state.Step + 1;
    }

    public override void Dispose()
    {
        sgd.Dispose();
        initial.Dispose();
        base.Dispose();
    }
}
