using Bench.Contracts;
using Bench.Submissions.Baseline;
using Bench.Submissions.Common;
using Bench.Submissions.Meco;

namespace Bench.Submissions.BeyondUrlsMetadata;

/// <summary>
/// Metadata appended as an auxiliary prediction task ("Beyond URLs: Metadata Diversity and Position for Efficient LLM
/// Pretraining", arXiv 2511.21613) on Tiny Shakespeare: until the last <c>cooldown_fraction</c> of the step budget each
/// window ends with its speaker's name (<see cref="MetadataSuffix"/>), which the model is trained to predict; then plain
/// windows. The speaker index and the cooldown rule are MeCo's (<see cref="MecoSubmission"/>), so the two differ only in
/// where the metadata goes: MeCo conditions on it, this predicts it. The baseline's recipe otherwise.
/// </summary>
public sealed class BeyondUrlsMetadataSubmission : ISubmission
{
    /// <summary>The cooldown on plain text: MeCo's final 10% (papers.csv pairs this paper with MeCo; it states no cooldown of its own here).</summary>
    public const double CooldownFraction = 0.1;

    public string Id => "beyond-urls-metadata";

    public string PaperId => "beyond-urls-metadata";

    /// <summary>Speakers of one small corpus instead of URLs and quality scores of a web mix; only the appended position (see the card).</summary>
    public Fidelity Fidelity => Fidelity.Partial;

    public string Description => "each window ends with its speaker's name as a predicted target for 90% of steps, plain windows for the last 10%";

    public WorkloadApplicability AppliesTo => Applicability.Only("tinyshakespeare");

    public object DefaultHyperparameters(IWorkload workload, string scale) => Defaults();

    static BeyondUrlsHyperparameters Defaults() => new();

    public TrainingMethod Create(TrainingSetup setup)
    {
        var h = setup.HyperparametersOr(Defaults);
        if (!(h.CooldownFraction >= 0 && h.CooldownFraction < 1))
            throw new ConfigException($"beyond-urls-metadata's cooldown_fraction must be in [0, 1), got {h.CooldownFraction}: the fraction of the " +
                "step budget trained on plain windows at the end (0.1 as MeCo's)");
        var suffix = new MetadataSuffix(MecoSubmission.SpeakersOf(setup.Data, Id), setup.Data.Vocabulary!);
        if (setup.Data.InputShape is [var context] && suffix.LongestTag >= context)
            throw new ConfigException($"beyond-urls-metadata's longest tag has {suffix.LongestTag} characters, which leaves no text in " +
                $"{setup.WorkloadId}'s windows of {context}; use a scale with a longer context (cpu)");
        return new Method(BaselineSubmission.WithRecipe(setup, setup.Baseline), suffix, h.CooldownFraction);
    }

    /// <summary>The baseline's method with its windows tagged until the cooldown and plain after.</summary>
    sealed class Method(TrainingMethod inner, MetadataSuffix suffix, double cooldownFraction) : MethodDecorator(inner)
    {
        public override Batch TransformBatch(Batch batch, TrainingState state)
        {
            var transformed = base.TransformBatch(batch, state);
            return state.Step < MecoSubmission.CooldownFrom(state.StepHint, cooldownFraction) ? suffix.Append(transformed) : transformed;
        }
    }
}
