using Bench.Contracts;
using Bench.Harness.Training;
using Bench.Tests.Shared;
using TorchSharp;

namespace Bench.Harness.Tests.Training;

public class StepLossTests
{
    [Fact]
    public void Hooks_see_the_current_steps_loss_from_after_backward_to_after_step()
    {
        var recorder = new LossRecorder();
        var outcome = new TrialRunner(new FakeTimeSource(), warmupSteps: 0)
            .Run(new TrialSpec("scripted", "smoke", "recorder", 0), new ScriptedWorkload([0.1], maxSteps: 3), recorder, TorchFixture.Cpu, "");

        Assert.Equal(3, outcome.Record.Steps);
        Assert.Equal(3, recorder.Losses.Count);
        Assert.All(recorder.Losses, l => Assert.True(double.IsFinite(l) && l > 0));
        Assert.All(recorder.NullBeforeStep, Assert.True);
    }

    sealed class LossRecorder : ISubmission
    {
        public List<double> Losses { get; } = [];
        public List<bool> NullBeforeStep { get; } = [];
        public string Id => "recorder";
        public string PaperId => "test";
        public string Description => "test fake";
        public WorkloadApplicability AppliesTo => WorkloadApplicability.Every;
        public TrainingMethod Create(TrainingSetup setup) => new Method(this, setup.Model, setup.Baseline.BatchSize);

        sealed class Method(LossRecorder owner, torch.nn.Module model, int batchSize) : TrainingMethod
        {
            public override torch.nn.Module Model => model;
            public override int BatchSize => batchSize;

            public override Batch TransformBatch(Batch batch, TrainingState state)
            {
                owner.NullBeforeStep.Add(state.Loss is null);
                return batch;
            }

            public override void AfterBackward(TrainingState state) => owner.Losses.Add(state.Loss!.item<float>());

            public override void OptimizerStep(TrainingState state) { }
        }
    }
}
