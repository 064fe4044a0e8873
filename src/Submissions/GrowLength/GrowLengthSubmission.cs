using Bench.Contracts;
using Bench.Submissions.Baseline;
using Bench.Submissions.Common;
using TorchSharp;

namespace Bench.Submissions.GrowLength;

/// <summary>
/// GrowLength (Jin, Han, Yang, Jiang, Chang and Hu, "GrowLength: Accelerating LLMs Pretraining by Progressively Growing
/// Training Length", arXiv 2310.00576): training windows grow in stages (an eighth of the context, a quarter, a half,
/// then all of it) at constant tokens per step. The workload's batch of full windows is drawn as always and each window
/// is cut into contiguous pieces of the stage's length (<see cref="WindowCuts"/>); every piece keeps the positions it has
/// in its window (<see cref="IPositionOffsetModel"/>: the char-GPT's positions are learned, not the paper's RoPE).
/// Evaluation is the workload's, at the full context. Everything else is the baseline's recipe; each step is priced at
/// the FLOPs of its windows' length.
/// </summary>
public sealed class GrowLengthSubmission : ISubmission
{
    /// <summary>The stages' lengths as divisors of the context: 1/8, 1/4, 1/2, full (the paper doubles the length per stage).</summary>
    public const string ContextDivisors = "8,4,2,1";

    /// <summary>Where the short stages end, as fractions of the step budget: our choice, see the card.</summary>
    public const string StageEnds = "0.125,0.25,0.5";

    public string Id => "growlength";

    public string PaperId => "growlength";

    /// <summary>The schedule is the paper's idea; positions are learned absolute ones at their offsets, not RoPE (see the card).</summary>
    public Fidelity Fidelity => Fidelity.Partial;

    public string Description => "windows cut to 1/8, 1/4, 1/2 of the context, then full, at constant tokens per step; baseline recipe otherwise";

    public WorkloadApplicability AppliesTo => Applicability.Only("tinyshakespeare");

    public object DefaultHyperparameters(IWorkload workload, string scale) => Defaults();

    static GrowLengthHyperparameters Defaults() => new();

    public TrainingMethod Create(TrainingSetup setup)
    {
        var h = setup.HyperparametersOr(Defaults);
        var positioned = setup.Model as IPositionOffsetModel
            ?? throw new ConfigException($"growlength trains windows cut from longer ones at their positions, which needs a model that takes position " +
                $"offsets ({nameof(IPositionOffsetModel)}); {setup.Model.GetName()} of {setup.WorkloadId} does not. Use --workload tinyshakespeare.");
        var blocks = (setup.Model as IReplaceableLayers)?.Blocks ?? [];
        if (blocks.Count == 0)
            throw new ConfigException($"growlength prices attention by its transformer blocks ({nameof(IReplaceableLayers)}.Blocks); " +
                $"{setup.Model.GetName()} lists none");
        var schedule = LengthSchedule.Parse(positioned.Positions, h.ContextDivisors, h.StageEnds, setup.Scale.Budget.MaxSteps);
        var workloadFlops = setup.Data.TrainFlopsPerExample;
        double Flops(int length) => TrainFlopsPerExample(workloadFlops, blocks.Count, blocks[0].Inputs, schedule.Context, length);
        var context = schedule.Context;
        positioned.PositionOffsets = inputs => WindowCuts.Offsets(inputs, context);
        return new Method(BaselineSubmission.WithRecipe(setup, setup.Baseline), positioned, schedule, Flops);
    }

    /// <summary>
    /// Training FLOPs of one full window of <paramref name="context"/> tokens trained as pieces of <paramref name="length"/>:
    /// the workload's figure <paramref name="workloadFlops"/> (every layer once per token, whatever the length) less, in
    /// each of the <paramref name="blocks"/> blocks, the attention scores and weighted sums the pieces no longer compute.
    /// The workload counts them as 4 x tokens x width per token, 4 d C² a window at full length; pieces of length L cost
    /// (C / L) x 4 d L² = 4 d C L, so a window saves 4 d C (C − L) a block, x 3 to train.
    /// </summary>
    public static double TrainFlopsPerExample(double workloadFlops, int blocks, int width, int context, int length) =>
        workloadFlops - LayerFlops.TrainPerForward * blocks * 4.0 * width * context * (context - (double)length);

    /// <summary>The baseline's method with each batch's windows cut to the stage's length and each step priced at it.</summary>
    sealed class Method(TrainingMethod inner, IPositionOffsetModel model, LengthSchedule schedule, Func<int, double> flops) : MethodDecorator(inner)
    {
        long step; // the step the next FlopsPerExample read prices: AfterStep moves it on

        public override double? FlopsPerExample => flops(schedule.LengthAt(step));

        public override Batch TransformBatch(Batch batch, TrainingState state)
        {
            step = state.Step;
            return base.TransformBatch(WindowCuts.Cut(batch, schedule.PiecesAt(state.Step)), state);
        }

        public override void AfterStep(TrainingState state)
        {
            base.AfterStep(state);
            step = state.Step + 1;
        }

        public override void Dispose()
        {
            model.PositionOffsets = null;
            base.Dispose();
        }
    }
}
