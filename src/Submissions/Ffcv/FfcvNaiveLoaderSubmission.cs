using Bench.Contracts;
using Bench.Submissions.Baseline;
using Bench.Submissions.Common;
using Bench.Submissions.Mechanisms;

namespace Bench.Submissions.Ffcv;

/// <summary>
/// FFCV's point of comparison, the naive loader (a PyTorch <c>ImageFolder</c> read by a <c>DataLoader</c>): every batch
/// reads each of its examples' stored JPEG files, decodes it, standardises and flips it on its own, and collates the
/// images (<see cref="PerImageDecodingSource"/>); nothing is cached across epochs. Model, optimizer, schedule and batch size
/// are the baseline's: only the pipeline changes. The control arm of <c>ffcv</c>.
/// </summary>
public sealed class FfcvNaiveLoaderSubmission : ISubmission
{
    public string Id => "ffcv-naive-loader";

    public string PaperId => "ffcv";

    /// <summary>One loading thread, files read from memory rather than disk (see the card).</summary>
    public Fidelity Fidelity => Fidelity.Partial;

    public string Description => "control of ffcv: each image's JPEG decoded per batch, per-image flip and standardisation; baseline model and recipe";

    public WorkloadApplicability AppliesTo => Applicability.Only("cifar10");

    /// <summary>The baseline's recipe: the method changes only the data pipeline.</summary>
    public object DefaultHyperparameters(IWorkload workload, string scale) => workload.Baseline(scale);

    public TrainingMethod Create(TrainingSetup setup)
    {
        var inner = BaselineSubmission.WithRecipe(setup, setup.HyperparametersOr(() => setup.Baseline));
        try
        {
            var split = PipelineMethod.StoredSplit(setup, inner, Id);
            var standardisation = new ImageStandardisation(split);
            var seed = setup.Data.Seed;
            return new PipelineMethod(inner, () => new PerImageDecodingSource(split, standardisation, seed, setup.Device), standardisation);
        }
        catch
        {
            inner.Dispose();
            throw;
        }
    }
}
