using Bench.Contracts;
using Bench.Harness.Results;
using Bench.Harness.Torch;
using TorchSharp;

namespace Bench.Harness.Training;

/// <summary>
/// Owns the training loop, the clock and evaluation for one trial; submissions only fill in hooks.
/// Rules (also in docs/measurement.md): warm-up steps run on a throwaway model and are untimed; the clock
/// runs during training (the submission's set-up and drawing batches included; opening the dataset and building the model
/// are not, see <see cref="TrialWallTime"/>) and is paused for evaluation; evaluation happens
/// every <see cref="WorkloadScale.EvaluateEveryExamples"/> examples (finer near the target: <see cref="WorkloadScale.NearTarget"/>;
/// spaced wider when a trial would otherwise exceed <see cref="WorkloadScale.MaxEvaluations"/>) and once more when the budget
/// ends; time-to-target is the clock reading at the first evaluation meeting the target. The step
/// budget decides a miss; the clock only stops a trial at the safety cap (<see cref="Budget.TimeCapSeconds"/>),
/// and such a trial is <see cref="TrialStatus.TimeCapped"/>, not missed.
/// </summary>
/// <remarks>
/// With <c>fullBudget</c> the trial does not stop at the target: it records the first evaluation that met
/// it and trains on to the end of the budget (for calibration curves and final-metric statistics).
/// </remarks>
public sealed class TrialRunner(ITimeSource timeSource, int warmupSteps = 2, IProgress<TrialProgress>? progress = null, bool fullBudget = false)
{
    /// <summary>Runs <paramref name="spec"/>. Exceptions from the workload or submission become a Crashed row.</summary>
    public TrialOutcome Run(TrialSpec spec, IWorkload workload, ISubmission submission, torch.Device device, string dataRoot, bool allowDownload = false)
    {
        var started = DateTime.UtcNow;
        var startedAt = timeSource.Seconds;
        var processStart = (started - System.Diagnostics.Process.GetCurrentProcess().StartTime.ToUniversalTime()).TotalSeconds;
        var scale = workload.Scale(spec.Scale);
        // Only a scale's own dataset is calibrated: on other data the trial runs the scale's budget towards the user's
        // target (--target), or with none (a NaN value no metric meets), so it ends Missed and reports its final metric.
        if (spec.Dataset.Length > 0) scale = scale with { Target = scale.Target with { Value = spec.Target ?? double.NaN } };
        var context = new RunContext(scale, spec.Seed, device, dataRoot, allowDownload, spec.Dataset);
        // Opening the workload reads and verifies data: bad data is the user's to fix, not a crash.
        using var run = workload.Open(context);
        var opened = timeSource.Seconds;
        var wallTime = new TrialWallTime { ProcessStartSeconds = Math.Max(0, processStart), DataOpenSeconds = opened - startedAt };
        try
        {
            if (warmupSteps > 0) WarmUp(spec, workload, submission, run, scale, device);
            wallTime = wallTime with { WarmupSeconds = timeSource.Seconds - opened };
            var outcome = Train(spec, workload, submission, run, scale, device, started);
            return outcome with
            {
                Dataset = run.DataDescription,
                WallTime = wallTime with
                {
                    ModelBuildSeconds = outcome.WallTime?.ModelBuildSeconds ?? 0,
                    TrainSeconds = outcome.Record.TrainSeconds,
                    EvaluationSeconds = outcome.Record.EvalSeconds,
                    TotalSeconds = timeSource.Seconds - startedAt,
                },
            };
        }
        catch (Exception e) when (e is not ConfigException)
        {
            var record = TrialRecord.Failed(spec, submission.PaperId, TrialStatus.Crashed, e.GetType().Name + ": " + e.Message, started)
                with { Metric = scale.Target.Metric, Target = scale.Target.Value, PeakMemoryMb = PeakMemory.Megabytes() };
            return new TrialOutcome(record, []) { Dataset = run.DataDescription, WallTime = wallTime with { TotalSeconds = timeSource.Seconds - startedAt } };
        }
    }

    /// <summary>A few untimed steps so lazy initialisation (kernels, allocator) is not charged; then everything is rebuilt.</summary>
    void WarmUp(TrialSpec spec, IWorkload workload, ISubmission submission, IWorkloadRun run, WorkloadScale scale, torch.Device device)
    {
        TorchSetup.Seed(spec.Seed);
        using var model = CreateModel(run);
        using var method = submission.Create(Setup(spec, workload, run, scale, model, device));
        var batches = method.TrainBatches(run.TrainBatches(spec.Seed, method.TrainStream));
        var state = new TrainingState { StepHint = scale.Budget.MaxSteps, WorkloadFlopsPerExample = run.TrainFlopsPerExample };
        double dataSeconds = 0;
        for (var i = 0; i < warmupSteps; i++)
        {
            using var scope = torch.NewDisposeScope();
            TrainStep(run, method, batches, state, ref dataSeconds);
        }
    }

    TrialOutcome Train(TrialSpec spec, IWorkload workload, ISubmission submission, IWorkloadRun run, WorkloadScale scale, torch.Device device, DateTime started)
    {
        TorchSetup.Seed(spec.Seed);
        var buildStarted = timeSource.Seconds;
        using var model = CreateModel(run);
        var modelBuildSeconds = timeSource.Seconds - buildStarted;
        var clock = new TrialClock(timeSource, device.type == DeviceType.CUDA ? () => torch.cuda.synchronize(device) : null);
        // The submission's set-up (optimizer state, snapshots, a replacement model) is its own work: timed,
        // as AlgoPerf times init_optimizer_state. The workload's model initialisation above is not.
        clock.Resume();
        using var method = submission.Create(Setup(spec, workload, run, scale, model, device));
        var batches = method.TrainBatches(run.TrainBatches(spec.Seed, method.TrainStream));
        var target = scale.Target;
        var budget = scale.Budget;
        var state = new TrainingState { StepHint = budget.MaxSteps, WorkloadFlopsPerExample = run.TrainFlopsPerExample };
        var evalWatch = new TrialClock(timeSource);
        var curve = new List<CurvePoint>();
        double chargedAtTarget = 0, flopsAtTarget = 0, evaluationChargedAtTarget = 0, dataSeconds = 0;

        // Summed on the device so the loop never waits for a scalar between evaluations.
        using var lossSum = torch.zeros(1, dtype: torch.float64, device: device);
        long stepsSinceEval = 0;
        long nextEvaluation = scale.EvaluateEveryExamples;
        // The cap on evaluations per trial: the next one waits at least this many steps (it binds only when the cadence is finer).
        long earliestEvaluationStep = scale.MinimumStepsToNextEvaluation(0, 0);
        var status = TrialStatus.Missed;
        CurvePoint? reachedAt = null;
        var capped = false;

        while (true)
        {
            capped = clock.Elapsed >= budget.TimeCapSeconds && state.Step < budget.MaxSteps;
            var budgetSpent = state.Step >= budget.MaxSteps || capped;
            if (!budgetSpent && (state.ExamplesSeen < nextEvaluation || state.Step < earliestEvaluationStep))
            {
                using var scope = torch.NewDisposeScope();
                var loss = TrainStep(run, method, batches, state, ref dataSeconds);
                lossSum.add_(loss.detach().to(torch.float64));
                stepsSinceEval++;
                continue;
            }

            clock.Pause();
            // The budget ran out right after an evaluation: that evaluation was the last one.
            if (budgetSpent && curve.Count > 0 && curve[^1].Step == state.Step) break;
            var evalStarted = evalWatch.Elapsed;
            evalWatch.Resume();
            var point = Evaluate(run, method, state, clock.Elapsed, lossSum, stepsSinceEval);
            evalWatch.Pause();
            curve.Add(point);
            stepsSinceEval = 0;
            progress?.Report(new TrialProgress(Math.Min(1.0, state.Step / (double)budget.MaxSteps), $"step {state.Step}: {target.Metric} " +
                $"{point.Metrics[target.Metric]:G4}"));

            if (!double.IsFinite(point.TrainLoss)) { status = TrialStatus.Diverged; reachedAt = null; break; }
            if (reachedAt is null && target.IsMetBy(point.Metrics[target.Metric]))
            {
                status = TrialStatus.Reached;
                reachedAt = point;
                chargedAtTarget = state.ChargedExamples;
                flopsAtTarget = state.Flops;
                if (method.ChargesEvaluation) evaluationChargedAtTarget = evalWatch.Elapsed - evalStarted;
                if (!fullBudget) break;
            }
            if (budgetSpent) break;
            var interval = reachedAt is null ? scale.EvaluationInterval(point.Metrics[target.Metric]) : scale.EvaluateEveryExamples;
            while (nextEvaluation <= state.ExamplesSeen) nextEvaluation += interval;
            earliestEvaluationStep = state.Step + scale.MinimumStepsToNextEvaluation(state.Step, curve.Count);
            clock.Resume();
        }

        if (capped && status == TrialStatus.Missed) status = TrialStatus.TimeCapped;
        var metricValues = curve.Select(p => p.Metrics[target.Metric]).Where(double.IsFinite).ToList();
        var record = new TrialRecord
        {
            Workload = spec.Workload,
            Scale = spec.Scale,
            Submission = spec.Submission,
            Paper = submission.PaperId,
            Seed = spec.Seed,
            Status = status,
            Metric = target.Metric,
            Target = target.Value,
            // Work a method did beyond the harness's steps (probes, searches) and an evaluation it charges (TTA) count.
            TimeToTargetSeconds = reachedAt is null ? double.PositiveInfinity : reachedAt.Seconds + evaluationChargedAtTarget,
            StepsToTarget = reachedAt is null ? double.PositiveInfinity : reachedAt.Step + chargedAtTarget / method.BatchSize,
            ExamplesToTarget = reachedAt is null ? double.PositiveInfinity : reachedAt.Examples + chargedAtTarget,
            // Priced at the method's reported cost per example; the workload's when it reports none.
            FlopsToTarget = reachedAt is null ? double.PositiveInfinity : flopsAtTarget,
            FinalMetric = curve.Count > 0 ? curve[^1].Metrics[target.Metric] : double.NaN,
            BestMetric = metricValues.Count == 0 ? double.NaN
                : target.Direction == MetricDirection.Higher ? metricValues.Max() : metricValues.Min(),
            Steps = state.Step,
            Examples = state.ExamplesSeen,
            TrainSeconds = clock.Elapsed,
            EvalSeconds = evalWatch.Elapsed,
            DataSeconds = dataSeconds,
            ExamplesSkipped = state.ExamplesSkipped,
            PeakMemoryMb = PeakMemory.Megabytes(),
            StartedUtc = started,
            Hparams = spec.Hyperparameters.IsEmpty ? "" : spec.Hyperparameters.Json,
            HparamsHash = spec.Hyperparameters.Hash,
            Error = status == TrialStatus.TimeCapped
                ? $"stopped by the {budget.TimeCapSeconds:0} s time cap ({Budget.TimeCapFactor:0} x the {budget.MaxSeconds:0} s calibrated budget) after " +
                    $"{state.Step} of {budget.MaxSteps} steps"
                : "",
            Dataset = spec.Dataset,
        };
        return new TrialOutcome(record, curve) { WallTime = new TrialWallTime { ModelBuildSeconds = modelBuildSeconds } };
    }

    static TrainingSetup Setup(TrialSpec spec, IWorkload workload, IWorkloadRun run, WorkloadScale scale, torch.nn.Module model, torch.Device device) =>
        new(workload.Id, scale, workload.Baseline(spec.Scale), model, device, new WorkloadAccess(run, spec.Seed), spec.Hyperparameters);

    /// <summary>
    /// Builds the model in a dispose scope so the temporaries of weight initialisation are freed;
    /// parameters and buffers are detached from it and live as long as the model.
    /// </summary>
    public static torch.nn.Module CreateModel(IWorkloadRun run)
    {
        using var scope = torch.NewDisposeScope();
        var model = run.CreateModel();
        scope.Detach(model.parameters());
        scope.Detach(model.buffers());
        return model;
    }

    /// <summary>
    /// One optimizer step in the caller's dispose scope; returns the (undetached) loss. Adds the seconds spent drawing the batch
    /// from the method's source (data assembly: reading, decoding, augmenting, collating) to <paramref name="dataSeconds"/>.
    /// </summary>
    internal torch.Tensor TrainStep(IWorkloadRun run, TrainingMethod method, IBatchSource batches, TrainingState state, ref double dataSeconds)
    {
        state.MethodFlopsPerExample = method.FlopsPerExample;
        var drawStarted = timeSource.Seconds;
        var delivered = batches.Next(method.BatchSize);
        dataSeconds += timeSource.Seconds - drawStarted;
        var skippedBefore = state.ExamplesSkipped;
        var batch = method.TransformBatch(delivered, state);
        if (state.ExamplesSkipped - skippedBefore > delivered.Size)
            throw new InvalidOperationException($"the method skipped {state.ExamplesSkipped - skippedBefore} examples of a step that delivered " +
                $"{delivered.Size}; it may skip at most the examples it was given");
        var loss = run.Loss(method.Model, batch);
        method.Model.zero_grad();
        loss.backward();
        state.Loss = loss;
        method.AfterBackward(state);
        method.OptimizerStep(state);
        method.AfterStep(state);
        state.Loss = null;
        state.Step++;
        state.AddExamples(delivered.Size);
        return loss;
    }

    static CurvePoint Evaluate(IWorkloadRun run, TrainingMethod method, TrainingState state, double seconds, torch.Tensor lossSum, long steps)
    {
        // Even in-place ops (zero_) return a new managed handle: without a scope each evaluation leaks one.
        using var scope = torch.NewDisposeScope();
        var trainLoss = steps == 0 ? double.NaN : lossSum.item<double>() / steps;
        lossSum.zero_();
        var evaluated = method.ModelToEvaluate();
        evaluated.eval();
        Evaluation evaluation;
        using (torch.no_grad())
            evaluation = run.Evaluate(evaluated);
        evaluated.train();
        method.Model.train();
        // A NaN steps==0 loss only happens when evaluating before any step: not divergence.
        return new CurvePoint(state.Step, state.ExamplesSeen, seconds, steps == 0 ? 0 : trainLoss, evaluation.Metrics);
    }
}
