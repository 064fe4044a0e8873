using Bench.Contracts;
using Bench.Submissions.Common;
using TorchSharp;

namespace Bench.Submissions.RandomLtd;

/// <summary>
/// Random and layerwise token dropping (Yao et al., "Random-LTD: Random and Layerwise Token Dropping Brings Efficient
/// Training for Large-scale Transformers", arXiv 2211.11586): every transformer block but the first and the last
/// processes an independent random subset of each sequence's tokens (<see cref="TokenDropBlock"/>), the kept length
/// rising linearly from <c>start_fraction</c> of the window to all of it over <c>ramp_fraction</c> of the step budget
/// (<see cref="KeptLengthSchedule"/>), and the learning rate follows consumed layer-tokens (<see cref="LayerTokenSchedule"/>).
/// Otherwise the baseline's recipe (AdamW, warmup and cosine, the workload's tuned values); each step is priced at the
/// tokens its layers process.
/// </summary>
public sealed class RandomLtdSubmission : ISubmission
{
    /// <summary>Kept length at step 0 as a share of the window (the plan's ~50%; see the card for the paper's 128 of 2048).</summary>
    public const double StartFraction = 0.5;

    /// <summary>Share of the step budget the kept length takes to reach the window: the paper's GPT-3 run, 200K of ~286K steps.</summary>
    public const double RampFraction = 0.7;

    public string Id => "random-ltd";

    public string PaperId => "random-ltd";

    /// <summary>The dropping, its schedule and the LayerToken rate are the paper's; its start length and model scale are not (see the card).</summary>
    public Fidelity Fidelity => Fidelity.Partial;

    public string Description => "middle blocks process a random subset of each sequence's tokens (50% rising to 100%), LayerToken LR schedule";

    public WorkloadApplicability AppliesTo => Applicability.Only("tinyshakespeare");

    public object DefaultHyperparameters(IWorkload workload, string scale) => Defaults();

    static RandomLtdHyperparameters Defaults() => new();

    public TrainingMethod Create(TrainingSetup setup)
    {
        var h = setup.HyperparametersOr(Defaults);
        if (!(h.StartFraction > 0 && h.StartFraction <= 1))
            throw new ConfigException($"random-ltd's start_fraction must be in (0, 1], got {h.StartFraction}: the share of a window's tokens the middle " +
                "layers keep at step 0 (1 drops none)");
        if (!(h.RampFraction >= 0 && h.RampFraction <= 1))
            throw new ConfigException($"random-ltd's ramp_fraction must be in [0, 1], got {h.RampFraction}: the fraction of the step budget over which " +
                "the kept length rises to the whole window");
        var model = setup.Model as IReplaceableLayers is { Blocks.Count: > 0 } m ? m
            : throw new ConfigException($"random-ltd drops tokens around whole blocks; {setup.Model.GetName()} lists none " +
                $"({nameof(IReplaceableLayers)}.Blocks)");
        var blocks = model.Blocks;
        var tokens = (int)blocks[0].PositionsPerExample;
        var generator = new torch.Generator(unchecked((ulong)setup.Data.Seed * 7919UL + 101UL));
        // The first and the last block stay dense, as in the paper; the rest are wrapped in place (their parameters stay).
        var dropping = blocks.Skip(1).SkipLast(1)
            .Select(slot =>
            {
                var wrapper = new TokenDropBlock(slot.Module, generator, tokens);
                model.ReplaceLayer(slot.Name, wrapper); // the wrapper keeps the block: nothing to dispose
                return wrapper;
            })
            .ToList();
        var budget = setup.Scale.Budget.MaxSteps;
        var schedule = new RandomLtdSchedule(tokens, KeptLengthSchedule.Start(tokens, h.StartFraction), (long)Math.Round(h.RampFraction * budget),
            blocks.Count - dropping.Count, dropping.Count, budget);
        foreach (var block in dropping) block.KeptTokens = schedule.KeptAt(0);
        var recipe = setup.Baseline;
        var optimizer = torch.optim.AdamW(setup.Model.parameters(), recipe.LearningRate, recipe.Beta1, recipe.Beta2, weight_decay: recipe.WeightDecay);
        Func<long, double> rate = h.LayerTokenLr
            ? step => recipe.LearningRate * schedule.LayerTokenFactor(step, recipe.WarmupFraction)
            : step => recipe.LearningRate * WarmupCosine.Factor(step, budget, (long)Math.Round(recipe.WarmupFraction * budget));
        return new Method(new OptimizerMethod(setup.Model, optimizer, rate, recipe.BatchSize), model, dropping, schedule, setup.Data.TrainFlopsPerExample,
            blocks[0].Inputs, generator);
    }

    /// <summary>
    /// Training FLOPs per example with <paramref name="dropping"/> at their kept lengths: the model's figure from its layers
    /// (<see cref="LayerFlops"/>: the workload's, with any replaced layer at its own cost), less, in each dropping block,
    /// its layers' cost at the dropped tokens (T - k per window) and the attention scores and weighted sums those tokens
    /// no longer take part in (4 x tokens x width per token in the workload's formula, so 4 d (T² - k²) a block).
    /// </summary>
    public static double TrainFlopsPerExample(IReplaceableLayers model, IEnumerable<TokenDropBlock> dropping, double workloadFlops, int width) =>
        LayerFlops.TrainFlopsPerExample(model, workloadFlops) - LayerFlops.TrainPerForward * dropping.Sum(block =>
        {
            var (tokens, kept) = ((double)block.WindowTokens, (double)block.KeptOfWindow);
            var perToken = block.Layers.Sum(LayerFlops.ForwardPerPosition);
            return (tokens - kept) * perToken + 4.0 * width * (tokens * tokens - kept * kept);
        });

    /// <summary>The baseline's optimizer on the LayerToken rate, the middle blocks' kept lengths set per step, priced per step.</summary>
    sealed class Method(TrainingMethod inner, IReplaceableLayers model, IReadOnlyList<TokenDropBlock> dropping, RandomLtdSchedule schedule,
        double workloadFlops, int width, torch.Generator generator) : MethodDecorator(inner)
    {
        long keptFor; // Create set step 0's length

        public override double? FlopsPerExample => TrainFlopsPerExample(model, dropping, workloadFlops, width);

        public override Batch TransformBatch(Batch batch, TrainingState state)
        {
            Keep(state.Step);
            return base.TransformBatch(batch, state);
        }

        public override void AfterStep(TrainingState state)
        {
            base.AfterStep(state);
            Keep(state.Step + 1); // priced before the next TransformBatch
        }

        void Keep(long step)
        {
            if (step == keptFor) return;
            var kept = schedule.KeptAt(step);
            foreach (var block in dropping) block.KeptTokens = kept;
            keptFor = step;
        }

        public override void Dispose()
        {
            base.Dispose();
            generator.Dispose();
        }
    }
}
