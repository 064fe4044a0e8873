using Bench.Contracts;
using Bench.Submissions.Baseline;
using Bench.Submissions.Common;
using TorchSharp;

namespace Bench.Submissions.Meco;

/// <summary>
/// Metadata Conditioning then Cooldown (Gao, Wettig, He, Dong, Malladi and Chen, "Metadata Conditioning Accelerates
/// Language Model Pre-training", arXiv 2501.01956) on Tiny Shakespeare: the metadata of a window is the speaker of the
/// speech it starts in, read from the training text; until the last <c>cooldown_fraction</c> of the step budget each
/// window starts with its speaker's tag (<see cref="MetadataPrefix"/>, no loss on the tag), then plain windows. The
/// baseline's recipe otherwise; the model, its cost per window and the evaluation (untagged text) are the workload's.
/// </summary>
public sealed class MecoSubmission : ISubmission
{
    /// <summary>The paper's cooldown: the final 10% of training on plain text (§2).</summary>
    public const double CooldownFraction = 0.1;

    public string Id => "meco";

    public string PaperId => "meco";

    /// <summary>One small single-source corpus with speakers for metadata instead of URLs over a web mix (see the card).</summary>
    public Fidelity Fidelity => Fidelity.Partial;

    public string Description => "each window prefixed with its speaker's name (no loss on it) for 90% of steps, plain windows for the last 10%";

    public WorkloadApplicability AppliesTo => Applicability.Only("tinyshakespeare");

    public object DefaultHyperparameters(IWorkload workload, string scale) => Defaults();

    static MecoHyperparameters Defaults() => new();

    /// <summary>The first step of the cooldown for a budget of <paramref name="stepBudget"/> steps (<see cref="BudgetTail"/>).</summary>
    public static long CooldownFrom(long stepBudget, double cooldownFraction) => BudgetTail.StartsAt(stepBudget, cooldownFraction);

    public TrainingMethod Create(TrainingSetup setup)
    {
        var h = setup.HyperparametersOr(Defaults);
        if (!(h.CooldownFraction >= 0 && h.CooldownFraction < 1))
            throw new ConfigException($"meco's cooldown_fraction must be in [0, 1), got {h.CooldownFraction}: the fraction of the step budget " +
                "trained on plain windows at the end (0.1 the paper's)");
        var prefix = new MetadataPrefix(SpeakersOf(setup.Data), setup.Data.Vocabulary!);
        if (setup.Data.InputShape is [var context] && prefix.LongestTag >= context)
            throw new ConfigException($"meco's longest tag has {prefix.LongestTag} characters, which leaves no text in {setup.WorkloadId}'s " +
                $"windows of {context}; use a scale with a longer context (cpu)");
        return new Method(BaselineSubmission.WithRecipe(setup, setup.Baseline), prefix, h.CooldownFraction);
    }

    /// <summary>The speaker index of the workload's training text (and nothing else: the evaluation split is not in it).</summary>
    public static SpeakerIndex SpeakersOf(WorkloadAccess data, string method = "meco")
    {
        if (data.TrainingSplit is not { } split || data.Vocabulary is not { } vocabulary || split.Inputs.dim() != 1)
            throw new ConfigException($"{method} reads speakers from a text workload's training text (its training split as one token sequence " +
                "and its vocabulary); this workload gives neither. Use --workload tinyshakespeare.");
        using var scope = torch.NewDisposeScope();
        var tokens = split.Inputs.cpu().data<long>().ToArray();
        var last = split.Targets[-1].item<long>();
        var text = new char[tokens.Length + 1];
        for (var i = 0; i < tokens.Length; i++) text[i] = vocabulary[(int)tokens[i]][0];
        text[^1] = vocabulary[(int)last][0];
        var index = SpeakerIndex.FromText(new string(text));
        if (index.Speeches == 0)
            throw new ConfigException($"{method} found no speech in the training text (a speaker's name alone on a line ending in ':', after an empty line)");
        return index;
    }

    /// <summary>The baseline's method with its windows tagged until <see cref="CooldownFrom"/> and plain after.</summary>
    sealed class Method(TrainingMethod inner, MetadataPrefix prefix, double cooldownFraction) : MethodDecorator(inner)
    {
        public override Batch TransformBatch(Batch batch, TrainingState state)
        {
            var transformed = base.TransformBatch(batch, state);
            return state.Step < CooldownFrom(state.StepHint, cooldownFraction) ? prefix.Tag(transformed) : transformed;
        }
    }
}
