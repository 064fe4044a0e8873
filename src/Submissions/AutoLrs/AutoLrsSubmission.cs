using Bench.Contracts;
using Bench.Submissions.Common;
using TorchSharp;

namespace Bench.Submissions.AutoLrs;

/// <summary>
/// AutoLRS (Jin et al., arXiv 2105.10762): the learning rate is chosen on the fly, stage by stage. At the start of
/// every stage of tau steps, Bayesian optimisation (a GP over log rate, lower-confidence-bound proposals) tries k
/// rates, each for tau' = tau/10 steps from the same weights and optimizer state on the same batches; an
/// exponential fit of each probe's loss series forecasts the loss after tau steps; the weights and optimizer are
/// rolled back and the stage trains with the best rate. Probes run inside the harness's step, so they are on the
/// clock; they are not counted as harness steps (the card says how many there are).
/// </summary>
public sealed class AutoLrsSubmission : ISubmission
{
    /// <summary>Stages in the step budget (tau = budget / 10).</summary>
    public const int Stages = 10;

    /// <summary>Rates tried per stage (the paper's k is 10; halved to bound the probe cost on a CPU).</summary>
    public const int Candidates = 5;

    /// <summary>Probe length as a fraction of the stage (the paper's tau' = tau / 10).</summary>
    public const int ProbeDivisor = 10;

    /// <summary>The search range around the baseline's peak rate: [peak / 30, peak * 10].</summary>
    public const double Below = 30, Above = 10;

    public string Id => "autolrs";

    /// <summary>5 candidates per stage instead of 10, probes on a side stream.</summary>
    public Fidelity Fidelity => Fidelity.Partial;

    public string PaperId => "autolrs";

    public string Description => "AdamW with the rate of each of 10 stages chosen by GP Bayesian optimisation over 5 short probes (exponential loss forecast)";

    public WorkloadApplicability AppliesTo => Applicability.Only("tinyshakespeare", "cifar10");

    public object DefaultHyperparameters(IWorkload workload, string scale) => new AutoLrsHyperparameters();

    public TrainingMethod Create(TrainingSetup setup)
    {
        var data = setup.Data;
        var h = setup.HyperparametersOr(() => new AutoLrsHyperparameters());
        var recipe = setup.Baseline;
        var budget = setup.Scale.Budget.MaxSteps;
        var stage = Math.Max(h.ProbeDivisor * 3, budget / h.Stages);
        var warmup = (long)Math.Round(recipe.WarmupFraction * budget);
        var adam = new RewindableAdamW(setup.Model.parameters(), recipe.Beta1, recipe.Beta2, recipe.WeightDecay);
        return new Method(setup.Model, adam, data, recipe, h, warmup, stage);
    }

    sealed class Method : TrainingMethod
    {
        readonly torch.nn.Module model;
        readonly RewindableAdamW adam;
        readonly WorkloadAccess data;
        readonly BaselineRecipe recipe;
        readonly AutoLrsHyperparameters h;
        readonly long warmup, stage;
        readonly IBatchSource probes;
        /// <summary>61 log10 rates from peak/30 to peak*10, the GP's candidates.</summary>
        readonly double[] grid;
        double stageRate;

        public Method(torch.nn.Module model, RewindableAdamW adam, WorkloadAccess data, BaselineRecipe recipe, AutoLrsHyperparameters h, long warmup,
            long stage)
        {
            (this.model, this.adam, this.data, this.recipe, this.h, this.warmup, this.stage) = (model, adam, data, recipe, h, warmup, stage);
            probes = data.SideTrainBatches(TrainStream.All);
            var low = Math.Log10(recipe.LearningRate / h.Below);
            grid = [.. Enumerable.Range(0, 61).Select(i => low + i * Math.Log10(h.Below * h.Above) / 60)];
            stageRate = recipe.LearningRate;
        }

        public override torch.nn.Module Model => model;

        public override int BatchSize => recipe.BatchSize;

        public override Batch TransformBatch(Batch batch, TrainingState state)
        {
            if (state.Step >= warmup && (state.Step - warmup) % stage == 0) stageRate = Search(state);
            return batch;
        }

        /// <summary>Warmup as the baseline's (linear to its peak), then the rate the stage's search chose.</summary>
        public override void OptimizerStep(TrainingState state) =>
            adam.Step(state.Step < warmup ? recipe.LearningRate * (state.Step + 1) / warmup : stageRate);

        double Search(TrainingState state)
        {
            using var weights = Snapshot.Take(model);
            using var optimizerState = adam.Save();
            var probeSteps = (int)(stage / h.ProbeDivisor);
            var batches = new List<Batch>();
            using var batchScope = torch.NewDisposeScope();
            for (var i = 0; i < probeSteps; i++) batches.Add(probes.Next(BatchSize));

            var xs = new List<double>();
            var ys = new List<double>();
            for (var c = 0; c < h.Candidates; c++)
            {
                // The first probe re-tries the current rate; the GP proposes the rest.
                var x = c == 0 ? Math.Log10(stageRate) : new GaussianProcess(xs, ys).ProposeMinimum(grid);
                var losses = Probe(Math.Pow(10, x), batches);
                // Every probe step is a forward and backward pass: charged as examples, so step verdicts see it.
                state.Charge(batches.Sum(b => (double)b.Size));
                var forecast = ExponentialForecast.Forecast(losses, stage);
                // A diverging probe gets a clearly bad but finite value the GP can model.
                xs.Add(x);
                ys.Add(double.IsFinite(forecast) ? forecast : Penalty(losses, ys));
                weights.RestoreInto(model);
                adam.Restore(optimizerState);
            }
            var best = Math.Pow(10, xs[ys.IndexOf(ys.Min())]);
            // Stderr is the trial's log: the chosen rates are what a reader needs to judge the search.
            Console.Error.WriteLine($"AutoLRS: stage rate {best:G3} (tried {string.Join(", ", xs.Select(v => Math.Pow(10, v).ToString("G3")))})");
            return best;
        }

        List<double> Probe(double rate, IReadOnlyList<Batch> batches)
        {
            var losses = new List<double>();
            foreach (var batch in batches)
            {
                using var scope = torch.NewDisposeScope();
                var loss = data.Loss(model, batch);
                model.zero_grad();
                loss.backward();
                adam.Step(rate);
                losses.Add(loss.item<float>());
            }
            return losses;
        }

        static double Penalty(IReadOnlyList<double> losses, IReadOnlyList<double> ys)
        {
            var finite = losses.Concat(ys).Where(double.IsFinite).ToList();
            return finite.Count == 0 ? 1e3 : 2 * finite.Max();
        }

        public override void Dispose()
        {
            adam.Dispose();
            base.Dispose();
        }
    }
}
