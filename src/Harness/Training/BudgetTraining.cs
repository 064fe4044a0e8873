using Bench.Contracts;
using Bench.Harness.Torch;
using TorchSharp;

namespace Bench.Harness.Training;

/// <summary>
/// Trains a method for a fixed number of steps and hands back the trained model, for studies that use a trained network
/// afterwards (transfer to another task) rather than time it to a target. Same step as a trial (<see cref="TrialRunner"/>):
/// the method's hooks in order, the workload's loss and batches; no clock, no evaluation, no warm-up.
/// </summary>
public static class BudgetTraining
{
    /// <summary>
    /// Seeds torch with <paramref name="seed"/>, builds <paramref name="run"/>'s model and the method <paramref name="create"/>
    /// makes of it, and trains <paramref name="steps"/> steps, the budget and horizon the method's schedule sees (the scale's
    /// budget with <see cref="Budget.MaxSteps"/> = <paramref name="steps"/>). <paramref name="stepDone"/> gets each completed
    /// step count. The caller owns both results: dispose the method, then the model (the method's <c>Model</c> may be a
    /// replacement of the one built).
    /// </summary>
    public static (torch.nn.Module Model, TrainingMethod Method) Train(IWorkload workload, IWorkloadRun run, WorkloadScale scale, int seed,
        torch.Device device, long steps, Func<TrainingSetup, TrainingMethod> create, Action<long>? stepDone = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        TorchSetup.Seed(seed);
        var budgeted = scale with { Budget = scale.Budget with { MaxSteps = steps } };
        var model = TrialRunner.CreateModel(run);
        TrainingMethod? method = null;
        try
        {
            method = create(new TrainingSetup(workload.Id, budgeted, workload.Baseline(scale.Name), model, device, new WorkloadAccess(run, seed)));
            var batches = method.TrainBatches(run.TrainBatches(seed, method.TrainStream));
            var state = new TrainingState { StepHint = steps, WorkloadFlopsPerExample = run.TrainFlopsPerExample };
            method.Model.train();
            var runner = new TrialRunner(new StopwatchTimeSource(), warmupSteps: 0);
            double dataSeconds = 0;
            while (state.Step < steps)
            {
                using var scope = torch.NewDisposeScope();
                var loss = runner.TrainStep(run, method, batches, state, ref dataSeconds);
                if (!double.IsFinite(loss.item<float>())) throw new InvalidOperationException($"the training loss is {loss.item<float>()} at step " +
                    $"{state.Step}");
                stepDone?.Invoke(state.Step);
            }
            return (model, method);
        }
        catch
        {
            method?.Dispose();
            model.Dispose();
            throw;
        }
    }
}
