using Bench.Contracts;
using Bench.Harness.Results;
using Bench.Harness.Training;
using Bench.Tests.Shared;
using TorchSharp;

namespace Bench.Harness.Tests.Training;

/// <summary>A method may wrap or replace the workload's training stream (<see cref="TrainingMethod.TrainBatches"/>).</summary>
public class MethodBatchSourceTests
{
    [Fact]
    public void The_harness_trains_on_the_stream_the_method_returns_and_hands_it_the_workloads_stream()
    {
        var time = new FakeTimeSource();
        var submission = new OwnStreamSubmission();

        var record = new TrialRunner(time, warmupSteps: 2)
            .Run(new TrialSpec("scripted", "smoke", "own-stream", 0), new ScriptedWorkload([0.5, 0.7, 0.95], time), submission, TorchFixture.Cpu, "")
            .Record;

        Assert.Equal(TrialStatus.Reached, record.Status);
        // Once for the warm-up, once for the timed trial; each time with the workload's own stream to wrap.
        Assert.Equal(2, submission.Streams.Count);
        Assert.All(submission.Streams, s => Assert.NotNull(s.Wrapped));
        // Every step's batch came from the method's stream: 2 warm-up steps, then 3 to the target.
        Assert.Equal(2, submission.Streams[0].Batches);
        Assert.Equal(3, submission.Streams[1].Batches);
    }

    /// <summary>SGD that trains on batches of its own (constant inputs), counting what it serves.</summary>
    sealed class OwnStreamSubmission : ISubmission
    {
        public List<CountingSource> Streams { get; } = [];
        public string Id => "own-stream";
        public string PaperId => "test";
        public string Description => "test fake";
        public WorkloadApplicability AppliesTo => WorkloadApplicability.Every;

        public TrainingMethod Create(TrainingSetup setup) =>
            new Method(setup.Model, torch.optim.SGD(setup.Model.parameters(), setup.Baseline.LearningRate), setup.Baseline.BatchSize, Streams);

        sealed class Method(torch.nn.Module model, torch.optim.Optimizer optimizer, int batchSize, List<CountingSource> streams) : TrainingMethod
        {
            public override torch.nn.Module Model => model;
            public override int BatchSize => batchSize;
            public override void OptimizerStep(TrainingState state) => optimizer.step();

            public override IBatchSource TrainBatches(IBatchSource workloadBatches)
            {
                var source = new CountingSource(workloadBatches);
                streams.Add(source);
                return source;
            }
        }
    }

    sealed class CountingSource(IBatchSource wrapped) : IBatchSource
    {
        public IBatchSource Wrapped => wrapped;
        public int Batches { get; private set; }

        public Batch Next(int size)
        {
            Batches++;
            var x = torch.ones(size, 8);
            return new Batch(x, x.sum(1, keepdim: true));
        }
    }
}
