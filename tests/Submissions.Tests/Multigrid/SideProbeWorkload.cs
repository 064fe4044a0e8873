using Bench.Contracts;
using TorchSharp;
using static TorchSharp.torch;

namespace Bench.Submissions.Tests.Multigrid;

/// <summary>
/// A real workload whose model records every forward pass (training or evaluation, image side, rows), for checking through
/// the real <c>TrialRunner</c> what a resolution schedule trains on and what evaluation sees. The model delegates its named
/// layers to the workload's, so methods price and replace them as usual.
/// </summary>
public sealed class SideProbeWorkload(IWorkload inner) : IWorkload
{
    /// <summary>The forward passes of the latest run's models, in order.</summary>
    public List<(bool Training, long Side, long Rows)> Seen { get; } = [];

    public string Id => inner.Id;
    public string Description => inner.Description;
    public int DefaultThreads => inner.DefaultThreads;
    public IReadOnlyList<string> ScaleNames => inner.ScaleNames;
    public WorkloadScale Scale(string name) => inner.Scale(name);
    public BaselineRecipe Baseline(string scale) => inner.Baseline(scale);
    public IWorkloadRun Open(RunContext context) => new Run(inner.Open(context), Seen);

    sealed class Run(IWorkloadRun run, List<(bool, long, long)> seen) : IWorkloadRun
    {
        public double TrainFlopsPerExample => run.TrainFlopsPerExample;
        public nn.Module CreateModel() => new Probe((nn.Module<Tensor, Tensor>)run.CreateModel(), seen);
        public IBatchSource TrainBatches(int seed) => run.TrainBatches(seed);
        public IBatchSource TrainBatches(int seed, TrainStream stream) => run.TrainBatches(seed, stream);
        public IReadOnlyList<long>? InputShape => run.InputShape;
        public int? Classes => run.Classes;
        public Batch? TrainingSplit => run.TrainingSplit;
        public Tensor Loss(nn.Module model, Batch batch) => run.Loss(model, batch);
        public Evaluation Evaluate(nn.Module model) => run.Evaluate(model);
        public void Dispose() => run.Dispose();
    }

    sealed class Probe : nn.Module<Tensor, Tensor>, IReplaceableLayers
    {
        readonly nn.Module<Tensor, Tensor> model;
        readonly List<(bool, long, long)> seen;

        public Probe(nn.Module<Tensor, Tensor> model, List<(bool, long, long)> seen) : base(nameof(Probe))
        {
            this.model = model;
            this.seen = seen;
            RegisterComponents();
        }

        public IReadOnlyList<LayerSlot> Layers => ((IReplaceableLayers)model).Layers;

        public nn.Module<Tensor, Tensor> ReplaceLayer(string name, nn.Module<Tensor, Tensor> replacement) =>
            ((IReplaceableLayers)model).ReplaceLayer(name, replacement);

        public override Tensor forward(Tensor x)
        {
            seen.Add((training, x.shape[2], x.shape[0]));
            return model.forward(x);
        }
    }
}
