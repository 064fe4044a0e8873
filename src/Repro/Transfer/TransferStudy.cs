using System.Diagnostics;
using Bench.Contracts;
using Bench.Harness.Training;
using Bench.Submissions.Baseline;
using Bench.Submissions.SparseImagenetTransfer;
using TorchSharp;
using static TorchSharp.torch;

namespace Bench.Repro.Transfer;

/// <summary>
/// The sparse-transfer study (Iofinova et al., arXiv 2111.13445, at toy scale): for each seed and upstream arm, train the
/// upstream workload's network for a fixed budget (the dense baseline recipe, or GMP to a sparsity: <see cref="GmpSubmission"/>),
/// then transfer a copy of it by linear probing and another by full fine-tuning (<see cref="Adaptation"/>), and write one
/// <see cref="TransferRow"/> per (seed, arm, mode) to <c>transfer.csv</c> as soon as it is known. Rows already in the file
/// are kept (new ones are appended), so an interrupted study loses nothing.
/// </summary>
public sealed class TransferStudy(IWorkload upstream, IWorkloadRun run, WorkloadScale scale, DownstreamImages downstream, Device device)
{
    /// <summary>The file the study appends its rows to, in the results folder.</summary>
    public const string FileName = "transfer.csv";

    /// <summary>Runs every (seed, arm, mode); <paramref name="report"/> hears each finished upstream training and transfer.</summary>
    /// <param name="progress">Completed units (an upstream training or a transfer) of the study's total, for a progress bar.</param>
    public IReadOnlyList<TransferRow> Run(IReadOnlyList<int> seeds, IReadOnlyList<UpstreamArm> arms, long upstreamSteps, TransferSettings settings,
        string resultsFolder, Action<string> report, Action<int, int>? progress = null)
    {
        Directory.CreateDirectory(resultsFolder);
        var path = Path.Combine(resultsFolder, FileName);
        if (File.Exists(path) && File.ReadLines(path).FirstOrDefault() is { } header && header != TransferRow.Header)
            throw new ConfigException($"{path} holds other columns ({header[..Math.Min(60, header.Length)]}...); give another --results folder");
        if (!File.Exists(path) || new FileInfo(path).Length == 0) File.WriteAllText(path, TransferRow.Header + "\n");

        var modes = new[] { TransferMode.LinearProbe, TransferMode.FullFineTune };
        var (total, done) = (seeds.Count * arms.Count * (1 + modes.Length), 0);
        var rows = new List<TransferRow>();
        foreach (var seed in seeds)
            foreach (var arm in arms)
            {
                var (snapshot, upstreamAccuracy, sparsity, upstreamSeconds) = TrainUpstream(seed, arm, upstreamSteps);
                progress?.Invoke(++done, total);
                report($"seed {seed} {arm.Name}: upstream accuracy {upstreamAccuracy:0.0000}, sparsity {sparsity:0.000}, {upstreamSteps} steps in " +
                    $"{upstreamSeconds:0.0} s");
                try
                {
                    foreach (var mode in modes)
                    {
                        using var model = (nn.Module<Tensor, Tensor>)TrialRunner.CreateModel(run);
                        using (no_grad())
                            foreach (var (name, tensor) in model.state_dict()) tensor.copy_(snapshot[name]);
                        var outcome = Adaptation.Adapt(model, mode, downstream, settings, seed);
                        var row = new TransferRow(seed, arm.Name, arm.Sparsity, sparsity, scale.Name, upstreamSteps, upstreamAccuracy, upstreamSeconds,
                            TransferRow.Name(mode), settings.Steps, (int)downstream.Train.shape[0], outcome.Accuracy, outcome.Sparsity, outcome.Seconds);
                        File.AppendAllText(path, row.ToCsv() + "\n");
                        rows.Add(row);
                        progress?.Invoke(++done, total);
                        report($"seed {seed} {arm.Name} {row.Transfer}: downstream accuracy {outcome.Accuracy:0.0000}, sparsity {outcome.Sparsity:0.000}, " +
                            $"{settings.Steps} steps in {outcome.Seconds:0.0} s");
                    }
                }
                finally
                {
                    foreach (var tensor in snapshot.Values) tensor.Dispose();
                }
            }
        return rows;
    }

    /// <summary>Trains one upstream network; returns a copy of its weights and buffers, its test accuracy, conv sparsity and seconds.</summary>
    (Dictionary<string, Tensor> Snapshot, double Accuracy, double Sparsity, double Seconds) TrainUpstream(int seed, UpstreamArm arm, long steps)
    {
        var watch = Stopwatch.StartNew();
        var (model, method) = BudgetTraining.Train(upstream, run, scale, seed, device, steps,
            setup => arm.Sparsity == 0
                ? BaselineSubmission.WithRecipe(setup, setup.Baseline)
                : GmpSubmission.Create(setup, new GmpHyperparameters(Sparsity: arm.Sparsity)));
        var seconds = watch.Elapsed.TotalSeconds;
        using (model)
        using (method)
        {
            var trained = method.ModelToEvaluate();
            trained.eval();
            double accuracy;
            using (no_grad())
                accuracy = run.Evaluate(trained).Metrics[scale.Target.Metric];
            using var pruner = MagnitudePruner.FromZeros((IReplaceableLayers)trained);
            var snapshot = trained.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone().DetachFromDisposeScope());
            return (snapshot, accuracy, pruner.Sparsity(), seconds);
        }
    }
}
