using Bench.Contracts;

namespace Bench.Submissions.Mechanisms;

/// <summary>
/// A staged depth schedule over a step budget: the model's <see cref="Blocks"/> blocks are switched on front to back in
/// <see cref="Stages"/> equal depth stages (stage i of S runs the first ceil(L (i + 1) / S) blocks: 2, 4, 6 for 6 blocks in
/// 3 stages, as the incremental-training paper adds L/S layers a stage), the growths spaced evenly so the full depth
/// starts at <see cref="FullDepthStep"/>; a block added at step g has gate 0 at g, rising linearly to 1 over
/// <see cref="RampSteps"/> steps (0: 1 from g on).
/// </summary>
public sealed class DepthSchedule
{
    readonly long[] growthSteps; // growthSteps[i]: the first step of stage i (growthSteps[0] = 0)
    readonly int[] depths;       // depths[i]: the blocks stage i runs

    /// <param name="owner">The submission's id, for error messages.</param>
    /// <param name="blocks">The model's blocks (L).</param>
    /// <param name="stages">Depth stages (S), at least 2 and at most L (hyperparameter <c>stages</c>).</param>
    /// <param name="fullDepthStep">First step at full depth (<c>growth_fraction</c> of the budget).</param>
    /// <param name="rampSteps">Steps a new block's gate takes to rise from 0 to 1 (<c>ramp_fraction</c> of the budget).</param>
    /// <param name="budgetSteps">The step budget.</param>
    /// <exception cref="ConfigException">A schedule that cannot run: too many stages, a stage without steps, a ramp longer than a stage.</exception>
    public DepthSchedule(string owner, int blocks, int stages, long fullDepthStep, long rampSteps, long budgetSteps)
    {
        if (blocks < 2)
            throw new ConfigException($"{owner} grows the model's depth; this model has {blocks} block(s), so there is nothing to grow (it needs at least 2)");
        if (stages < 2 || stages > blocks)
            throw new ConfigException($"{owner}'s stages must be in [2, {blocks}] (the model's blocks), got {stages}: each stage adds at least one block");
        if (rampSteps < 0) throw new ConfigException($"{owner}'s ramp_fraction must be >= 0, got a ramp of {rampSteps} steps");
        (Blocks, Stages, FullDepthStep, RampSteps, BudgetSteps) = (blocks, stages, fullDepthStep, rampSteps, budgetSteps);
        depths = [.. Enumerable.Range(0, stages).Select(i => (int)Math.Ceiling((double)blocks * (i + 1) / stages))];
        growthSteps = [.. Enumerable.Range(0, stages).Select(i => (long)Math.Round((double)fullDepthStep * i / (stages - 1)))];
        var shortest = Enumerable.Range(1, stages - 1).Min(i => growthSteps[i] - growthSteps[i - 1]);
        if (fullDepthStep >= budgetSteps)
            throw new ConfigException($"{owner}'s growth_fraction must be below 1: it puts full depth at step {fullDepthStep} of a {budgetSteps}-step budget");
        if (shortest < 1)
            throw new ConfigException($"{owner}'s growth_fraction puts full depth at step {fullDepthStep}, too early for {stages} stages: every stage " +
                "needs at least one step");
        if (rampSteps > shortest || fullDepthStep + rampSteps > budgetSteps)
            throw new ConfigException($"{owner}'s ramp_fraction gives a ramp of {rampSteps} steps, longer than the shortest stage ({shortest} steps) " +
                $"or past the budget's end: a new block's gate must reach 1 before the next growth");
    }

    /// <summary>The model's blocks.</summary>
    public int Blocks { get; }

    /// <summary>Depth stages, the last at full depth.</summary>
    public int Stages { get; }

    /// <summary>First step at full depth.</summary>
    public long FullDepthStep { get; }

    /// <summary>Steps of a new block's gate ramp.</summary>
    public long RampSteps { get; }

    /// <summary>The step budget.</summary>
    public long BudgetSteps { get; }

    /// <summary>The first step of each stage (0 for the first), in order.</summary>
    public IReadOnlyList<long> StageStarts => growthSteps;

    /// <summary>The blocks each stage runs, in order.</summary>
    public IReadOnlyList<int> StageDepths => depths;

    /// <summary>The stage (0-based) step <paramref name="step"/> is in.</summary>
    public int StageAt(long step)
    {
        var stage = 0;
        while (stage + 1 < Stages && growthSteps[stage + 1] <= step) stage++;
        return stage;
    }

    /// <summary>The blocks added by step <paramref name="step"/> (in the optimizer; a ramping block's gate may still be 0).</summary>
    public int DepthAt(long step) => depths[StageAt(step)];

    /// <summary>The step block <paramref name="block"/> (0-based) is added at: 0 for the first stage's blocks.</summary>
    public long AddedAt(int block)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(block);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(block, Blocks);
        var stage = 0;
        while (depths[stage] <= block) stage++;
        return growthSteps[stage];
    }

    /// <summary>
    /// Block <paramref name="block"/>'s gate at step <paramref name="step"/>: 0 before it is added; a first-stage block 1;
    /// a block added at g, min(1, (step - g) / ramp) (1 from g on without a ramp), so 0 at the moment of growth.
    /// </summary>
    public double GateAt(int block, long step)
    {
        var added = AddedAt(block);
        if (step < added) return 0;
        if (added == 0 || RampSteps == 0) return 1;
        return Math.Min(1.0, (double)(step - added) / RampSteps);
    }
}
