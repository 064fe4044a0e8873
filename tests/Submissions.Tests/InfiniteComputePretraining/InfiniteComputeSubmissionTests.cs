using Bench.Contracts;
using Bench.Submissions.InfiniteComputePretraining;
using Bench.Submissions.OneEpoch;
using Bench.Tests.Shared;
using TorchSharp;

namespace Bench.Submissions.Tests.InfiniteComputePretraining;

/// <summary>one-epoch and infinite-compute change only the data they train on, dropout and weight decay: check exactly those.</summary>
public class InfiniteComputeSubmissionTests
{
    static readonly WorkloadScale Scale = new("test", new Target("loss", MetricDirection.Lower, 0), new Budget(100, 10), 1, "");
    static readonly BaselineRecipe Recipe = new(BatchSize: 2, LearningRate: 0.1, WeightDecay: 0.1, WarmupFraction: 0);

    /// <summary>A model with a settable dropout and one weight, to observe both.</summary>
    sealed class DropoutLinear : torch.nn.Module<torch.Tensor, torch.Tensor>, IDropoutModel
    {
        readonly TorchSharp.Modules.Linear linear = torch.nn.Linear(1, 1, hasBias: false);

        public DropoutLinear() : base(nameof(DropoutLinear))
        {
            RegisterComponents();
            using (torch.no_grad()) linear.weight!.fill_(1);
        }

        public double Dropout { get; set; } = 0.5;

        public float Weight => linear.weight!.data<float>()[0];

        public override torch.Tensor forward(torch.Tensor x) => linear.forward(x);
    }

    /// <summary>One optimizer step with a zero gradient: only weight decay moves the weight (AdamW: w *= 1 - rate*wd).</summary>
    static float DecayAfterOneStep(ISubmission submission, DropoutLinear model)
    {
        using var method = submission.Create(new TrainingSetup("tinyshakespeare", Scale, Recipe, model, TorchFixture.Cpu, NoDataRun.Access));
        using var scope = torch.NewDisposeScope();
        model.zero_grad();
        model.forward(torch.zeros(1, 1)).sum().backward();
        method.OptimizerStep(new TrainingState { StepHint = 10 });
        return 1 - model.Weight;
    }

    [Fact]
    public void One_epoch_trains_on_the_whole_split_without_dropout_or_weight_decay()
    {
        _ = TorchFixture.Cpu;
        using var model = new DropoutLinear();
        var submission = new OneEpochSubmission(control: false);
        using (var method = submission.Create(new TrainingSetup("tinyshakespeare", Scale, Recipe, model, TorchFixture.Cpu, NoDataRun.Access)))
            Assert.Equal(TrainStream.All, method.TrainStream);
        Assert.Equal(0, model.Dropout);
        using var fresh = new DropoutLinear();
        Assert.Equal(0f, DecayAfterOneStep(submission, fresh));
    }

    [Fact]
    public void Its_control_trains_on_a_tenth_of_the_split_with_dropout_and_the_baselines_weight_decay()
    {
        _ = TorchFixture.Cpu;
        using var model = new DropoutLinear();
        var submission = new OneEpochSubmission(control: true);
        using (var method = submission.Create(new TrainingSetup("tinyshakespeare", Scale, Recipe, model, TorchFixture.Cpu, NoDataRun.Access)))
            Assert.Equal(new TrainStream(Fraction: 0.1), method.TrainStream);
        Assert.Equal(0.1, model.Dropout);
        using var fresh = new DropoutLinear();
        Assert.Equal(0.1f * 0.1f, DecayAfterOneStep(submission, fresh), 6);
    }

    [Fact]
    public void Heavy_weight_decay_decays_30x_more_than_its_control_on_the_same_fifth_of_the_data()
    {
        _ = TorchFixture.Cpu;
        using var a = new DropoutLinear();
        using var b = new DropoutLinear();
        var heavy = DecayAfterOneStep(new InfiniteComputeSubmission(control: false), a);
        var control = DecayAfterOneStep(new InfiniteComputeSubmission(control: true), b);
        Assert.Equal(30, heavy / control, 3);
        using var model = new DropoutLinear();
        foreach (var submission in new[] { new InfiniteComputeSubmission(control: false), new InfiniteComputeSubmission(control: true) })
        {
            using var method = submission.Create(new TrainingSetup("tinyshakespeare", Scale, Recipe, model, TorchFixture.Cpu, NoDataRun.Access));
            Assert.Equal(new TrainStream(Fraction: 0.2), method.TrainStream);
        }
    }

    [Fact]
    public void A_model_without_a_dropout_setting_is_refused_clearly()
    {
        _ = TorchFixture.Cpu;
        using var model = torch.nn.Linear(1, 1);
        var error = Assert.Throws<InvalidOperationException>(() =>
            new OneEpochSubmission(control: true).Create(new TrainingSetup("fashion-mnist", Scale, Recipe, model, TorchFixture.Cpu, NoDataRun.Access)));
        Assert.Contains("dropout", error.Message);
    }
}
