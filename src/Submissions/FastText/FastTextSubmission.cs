using Bench.Contracts;
using Bench.Submissions.Common;
using TorchSharp;

namespace Bench.Submissions.FastText;

/// <summary>
/// fastText in place of the workload's neural classifier: word + hashed bigram embeddings (dimension 10, 2^20
/// buckets: the paper's bigram setting), averaged into a linear classifier, trained by plain SGD whose rate
/// decays linearly to zero over the step budget (the budget is about 5 epochs, fastText's default).
/// </summary>
public sealed class FastTextSubmission : ISubmission
{
    public const int Dimensions = 10;
    public const long Buckets = 1 << 18;

    /// <summary>fastText's per-example rate (its supervised default).</summary>
    public const double ExampleRate = 0.1;

    public string Id => "fasttext";

    public string PaperId => "fasttext";

    public string Description => "fastText: mean of word + hashed bigram embeddings (dim 10), linear softmax, SGD with linear decay";

    public WorkloadApplicability AppliesTo => Applicability.Only("sst2");

    public object DefaultHyperparameters(IWorkload workload, string scale) => new FastTextHyperparameters();

    public TrainingMethod Create(TrainingSetup setup)
    {
        var h = setup.HyperparametersOr(() => new FastTextHyperparameters());
        if (setup.Model is not ITokenClassifier shape)
            throw new InvalidOperationException($"fasttext needs a workload whose model is an {nameof(ITokenClassifier)} (token ids in, class logits out)");
        FastTextModel model;
        using (var scope = torch.NewDisposeScope())
        {
            // Initialisation temporaries die with the scope; the weights live as long as the model.
            model = new FastTextModel(shape.Vocabulary, shape.PaddingToken, shape.Classes, h.Dimensions, h.Buckets).to(setup.Device);
            scope.Detach(model.parameters());
        }
        var batch = setup.Baseline.BatchSize;
        // fastText updates after every example with rate 0.1; a mean-loss batch of n examples moves each weight
        // by rate * (sum of per-example gradients) / n, so rate 0.1 * n gives the same per-example step.
        var peak = h.ExampleRate * batch;
        var horizon = setup.Scale.Budget.MaxSteps;
        var optimizer = torch.optim.SGD(model.parameters(), peak);
        return new Method(model, optimizer, step => peak * Math.Max(0, 1 - step / (double)horizon), batch);
    }

    /// <summary><see cref="OptimizerMethod"/> that also owns (and disposes) the replacement model.</summary>
    sealed class Method(FastTextModel model, torch.optim.Optimizer optimizer, Func<long, double> rate, int batch)
        : MethodDecorator(new OptimizerMethod(model, optimizer, rate, batch))
    {
        public override void Dispose()
        {
            base.Dispose();
            model.Dispose();
        }
    }
}
