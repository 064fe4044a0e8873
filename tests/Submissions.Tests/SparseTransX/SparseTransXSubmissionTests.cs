using Bench.Contracts;
using Bench.Submissions.SparseTransX;
using Bench.Submissions.Tests.Common;
using Bench.Tests.Shared;
using Bench.Workloads;
using Bench.Workloads.KgTranse;
using TorchSharp;
using static TorchSharp.torch;

namespace Bench.Submissions.Tests.SparseTransX;

/// <summary>
/// Golden tests of SparseTransX end to end: the incidence matmul gives TransE's gather-based losses and the same
/// gradients of both tables, on a hand-sized graph and on the workload's own batches; the surgery keeps the tables, the
/// recipe and the FLOPs; a model without an embedding bag is refused.
/// </summary>
public class SparseTransXSubmissionTests
{
    static readonly IWorkload Workload = WorkloadRegistry.Get("kg-transe");

    /// <summary>The margin ranking loss of the workload, its value and copies of the entity and relation gradients.</summary>
    static (double Loss, Tensor Entities, Tensor Relations) LossAndGradients(TransE model, Func<Tensor> loss)
    {
        model.zero_grad();
        var value = loss();
        value.backward();
        var grads = model.parameters().Select(p => p.grad!.detach().clone()).ToList();
        return (value.to(ScalarType.Float64).item<double>(), grads[0], grads[1]);
    }

    static double Gap(Tensor a, Tensor b) => (a.to(ScalarType.Float64) - b.to(ScalarType.Float64)).abs().max().item<double>();

    /// <summary>Random true triples and corruptions (head or tail replaced) over a small graph.</summary>
    static (Tensor Positive, Tensor Negative) Batch(int entities, int relations, int size, int seed)
    {
        var random = new Random(seed);
        var positive = new long[size * 3];
        var negative = new long[size * 3];
        for (var i = 0; i < size; i++)
        {
            (positive[3 * i], positive[3 * i + 1], positive[3 * i + 2]) = (random.Next(entities), random.Next(relations), random.Next(entities));
            Array.Copy(positive, 3 * i, negative, 3 * i, 3);
            negative[3 * i + (random.Next(2) == 0 ? 0 : 2)] = random.Next(entities);
        }
        return (tensor(positive, [size, 3]), tensor(negative, [size, 3]));
    }

    [Theory]
    [InlineData(1, ScalarType.Float32, 1e-6)]
    [InlineData(2, ScalarType.Float32, 1e-6)]
    [InlineData(1, ScalarType.Float64, 1e-13)]
    [InlineData(2, ScalarType.Float64, 1e-13)]
    public void On_a_small_graph_the_incidence_matmul_gives_the_gather_loss_and_entity_and_relation_gradients(int norm, ScalarType dtype, double tolerance)
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        manual_seed(7);
        using var model = new TransE(entityCount: 12, relationCount: 4, dimensions: 8, norm);
        model.to(dtype);
        var (positive, negative) = Batch(12, 4, size: 64, seed: 3);
        Tensor Loss() => nn.functional.relu(1.0 + model.forward(positive) - model.forward(negative)).mean();

        var gathered = LossAndGradients(model, Loss);
        var replaced = SparseTransXSubmission.Sparsify(model);
        var incidence = LossAndGradients(model, Loss);

        Assert.IsType<IncidenceEmbeddingBag>(Assert.Single(replaced));
        Assert.IsType<IncidenceEmbeddingBag>(model.Layers[0].Module);
        Assert.True(gathered.Loss > 0.1, $"the batch must have active margins (loss {gathered.Loss})");
        Assert.True(gathered.Entities.abs().sum().to(ScalarType.Float64).item<double>() > 0
            && gathered.Relations.abs().sum().to(ScalarType.Float64).item<double>() > 0);
        // Rounding only: the sparse product sums ±1 x rows in its own order, and its backward accumulates Aᵀ·dOut.
        Assert.True(Math.Abs(gathered.Loss - incidence.Loss) <= tolerance * Math.Max(1, gathered.Loss), $"loss {gathered.Loss} vs {incidence.Loss}");
        Assert.True(Gap(gathered.Entities, incidence.Entities) <= tolerance, $"entity gradients differ by {Gap(gathered.Entities, incidence.Entities)}");
        Assert.True(Gap(gathered.Relations, incidence.Relations) <= tolerance, $"relation gradients differ by {Gap(gathered.Relations, incidence.Relations)}");
    }

    [Fact]
    public void On_the_workloads_own_batches_and_loss_the_method_gives_the_baselines_loss_and_gradients()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var run = Workload.Open(new RunContext(Workload.Scale("smoke"), 0, TorchFixture.Cpu, TestData.Root));
        manual_seed(5);
        using var model = (TransE)run.CreateModel();
        var batch = run.TrainBatches(0).Next(256);

        var gathered = LossAndGradients(model, () => run.Loss(model, batch));
        using var method = Create(run, model);
        var incidence = LossAndGradients(model, () => run.Loss(model, batch));

        Assert.IsType<IncidenceEmbeddingBag>(model.Layers[0].Module);
        Assert.True(gathered.Loss > 0.1);
        Assert.True(Math.Abs(gathered.Loss - incidence.Loss) <= 1e-6, $"loss {gathered.Loss} vs {incidence.Loss}");
        Assert.True(Gap(gathered.Entities, incidence.Entities) <= 1e-6, $"entity gradients differ by {Gap(gathered.Entities, incidence.Entities)}");
        Assert.True(Gap(gathered.Relations, incidence.Relations) <= 1e-6, $"relation gradients differ by {Gap(gathered.Relations, incidence.Relations)}");
    }

    static TrainingMethod Create(IWorkloadRun run, nn.Module model) =>
        new SparseTransXSubmission().Create(new TrainingSetup("kg-transe", Workload.Scale("smoke"), Workload.Baseline("smoke"), model,
            TorchFixture.Cpu, new WorkloadAccess(run, 0), null));

    [Fact]
    public void The_surgery_keeps_the_tables_the_recipe_and_the_flops_and_a_step_trains_both_tables()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var run = Workload.Open(new RunContext(Workload.Scale("smoke"), 0, TorchFixture.Cpu, TestData.Root));
        manual_seed(5);
        using var model = (TransE)run.CreateModel();
        var before = model.parameters().Select(p => p.Handle).ToList();
        Assert.Equal(["translation.entities.weight", "translation.relations.weight"], model.named_parameters().Select(p => p.name));

        using var method = Create(run, model);

        // The same two tables, one level deeper (the replacement wraps the layer), in the same order.
        Assert.Equal(before, model.parameters().Select(p => p.Handle));
        Assert.Equal(["translation.layer.entities.weight", "translation.layer.relations.weight"], model.named_parameters().Select(p => p.name));
        Assert.Same(model, method.Model);
        Assert.Equal(Workload.Baseline("smoke").BatchSize, method.BatchSize);
        // Same arithmetic (a multiply-add by ±1 per gathered element), so the workload's count: 3 x 2 triples x 5d, d = 32.
        Assert.Null(method.FlopsPerExample);
        Assert.Equal(960, run.TrainFlopsPerExample);
        Assert.Equal(960, LayerFlops.TrainFlopsPerExample(model, run.TrainFlopsPerExample));

        var tables = model.parameters().Select(p => p.detach().clone()).ToList();
        var state = new TrainingState { StepHint = 300, Step = 10 }; // past warmup: a nonzero rate
        model.zero_grad();
        run.Loss(model, run.TrainBatches(0).Next(method.BatchSize)).backward();
        method.OptimizerStep(state);
        Assert.All(model.parameters().Zip(tables), p => Assert.False(p.First.eq(p.Second).all().item<bool>(), "a table did not train"));
    }

    [Fact]
    public void A_model_without_an_embedding_bag_is_a_config_error()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var smoke = new SmokeCharGpt(3);
        var error = Assert.Throws<ConfigException>(() => smoke.Create(new SparseTransXSubmission(), null));
        Assert.Contains("EmbeddingBag", error.Message);
    }
}
