using Bench.Contracts;
using Bench.Submissions.Baseline;
using Bench.Submissions.Common;
using Bench.Submissions.Mechanisms;

namespace Bench.Submissions.Ffcv;

/// <summary>
/// FFCV's data pipeline (Leclerc, Ilyas, Engstrom, Park, Salman and Madry, "FFCV: Accelerating Training by Removing Data
/// Bottlenecks", arXiv 2306.12517) in TorchSharp: in <c>Create</c>, on the clock, every training image is decoded once
/// into a contiguous uint8 store (<see cref="PixelStore"/>); each batch is then gathered, flipped, converted and
/// standardised as whole-batch tensor operations on a background thread while the previous step trains
/// (<see cref="PrefetchingSource"/>). Model, optimizer, schedule and batch size are the baseline's: only the pipeline
/// changes. Its control is <c>ffcv-naive-loader</c>, which decodes every image on every epoch.
/// </summary>
public sealed class FfcvSubmission : ISubmission
{
    public string Id => "ffcv";

    public string PaperId => "ffcv";

    /// <summary>No JIT-compiled augmentation, no .beton file, no GPU transfer overlap (see the card).</summary>
    public Fidelity Fidelity => Fidelity.Partial;

    public string Description => "pre-decoded uint8 store, whole-batch flip and standardisation, background prefetch; baseline model and recipe";

    public WorkloadApplicability AppliesTo => Applicability.Only("cifar10");

    /// <summary>The baseline's recipe: the method changes only the data pipeline.</summary>
    public object DefaultHyperparameters(IWorkload workload, string scale) => workload.Baseline(scale);

    public TrainingMethod Create(TrainingSetup setup)
    {
        var inner = BaselineSubmission.WithRecipe(setup, setup.HyperparametersOr(() => setup.Baseline));
        try
        {
            var split = PipelineMethod.StoredSplit(setup, inner, Id);
            // Decoding the whole split is the method's own work (FFCV writes its dataset once): timed, as Create is.
            var store = new PixelStore(split, setup.Device);
            var seed = setup.Data.Seed;
            return new PipelineMethod(inner, () => new PrefetchingSource(store, seed), store);
        }
        catch
        {
            inner.Dispose();
            throw;
        }
    }
}
