using Bench.Contracts;
using Bench.Submissions.Common;
using Bench.Tests.Shared;
using TorchSharp;

namespace Bench.Submissions.Tests.Common;

public class BatchNormInputsTests
{
    static torch.Tensor Column(params float[] values) => torch.tensor(values).unsqueeze(1);

    [Fact]
    public void Only_the_latest_inputs_re_estimate_the_statistics_and_their_forward_passes_are_charged()
    {
        _ = TorchFixture.Cpu;
        using var scope = torch.NewDisposeScope();
        using var norm = torch.nn.BatchNorm1d(1);
        using var model = torch.nn.Sequential(norm);
        using var inputs = new BatchNormInputs(2);
        inputs.Record(model, Column(100, 100));           // dropped: only the 2 latest are kept
        inputs.Record(model, Column(0, 2));
        inputs.Record(model, Column(4, 6));
        Assert.Equal(2, inputs.Count);

        var state = new TrainingState();
        inputs.Reestimate(model, state);
        Assert.Equal(3f, norm.running_mean!.data<float>()[0], 5);   // mean of the batch means 1 and 5
        Assert.Equal(4 * TrainingState.ForwardOnly, state.ChargedExamples, 9);
    }

    [Fact]
    public void A_model_without_BatchNorm_keeps_nothing_and_is_charged_nothing()
    {
        _ = TorchFixture.Cpu;
        using var scope = torch.NewDisposeScope();
        using var model = torch.nn.Linear(1, 1);
        using var inputs = new BatchNormInputs(2);
        inputs.Record(model, Column(1, 2));
        Assert.Equal(0, inputs.Count);

        var state = new TrainingState();
        inputs.Reestimate(model, state);
        Assert.Equal(0, state.ChargedExamples);
    }

    [Fact]
    public void Recorded_inputs_are_copies_that_outlive_the_step_scope()
    {
        _ = TorchFixture.Cpu;
        using var norm = torch.nn.BatchNorm1d(1);
        using var model = torch.nn.Sequential(norm);
        using var inputs = new BatchNormInputs(1);
        using (torch.NewDisposeScope())
        {
            var batch = Column(2, 4);
            inputs.Record(model, batch);
            batch.fill_(100);                               // the step's own tensor changes and is then disposed
        }

        inputs.Reestimate(model, new TrainingState());
        Assert.Equal(3f, norm.running_mean!.data<float>()[0], 5);
    }
}
