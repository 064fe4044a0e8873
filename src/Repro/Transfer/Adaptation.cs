using System.Diagnostics;
using Bench.Contracts;
using Bench.Harness.Torch;
using Bench.Submissions.Common;
using Bench.Submissions.SparseImagenetTransfer;
using TorchSharp;
using static TorchSharp.torch;

namespace Bench.Repro.Transfer;

/// <summary>
/// Adapts an upstream network to a downstream task (the paper's two regimes): the head is replaced by a fresh linear layer
/// with the task's classes, then either only the head trains on the frozen network (<see cref="TransferMode.LinearProbe"/>:
/// backbone in eval mode, so BatchNorm statistics do not move either) or everything trains with the convolutions' zero
/// pattern kept as a mask (<see cref="TransferMode.FullFineTune"/>: gradients masked, weights re-masked after each step).
/// </summary>
public static class Adaptation
{
    /// <summary>What one transfer gave: the downstream test accuracy, the convolutions' sparsity after it, its training seconds.</summary>
    public sealed record Outcome(double Accuracy, double Sparsity, double Seconds);

    /// <summary>
    /// Adapts <paramref name="model"/> (a network whose layers <see cref="IReplaceableLayers"/> lists, with one head) in place
    /// and evaluates it on <paramref name="data"/>'s test images. The head and the batch order are seeded by <paramref name="seed"/>.
    /// </summary>
    public static Outcome Adapt(nn.Module<Tensor, Tensor> model, TransferMode mode, DownstreamImages data, TransferSettings settings, int seed)
    {
        var layers = model as IReplaceableLayers
            ?? throw new ConfigException($"transfer needs a model that lists its layers ({nameof(IReplaceableLayers)}); {model.GetName()} does not");
        TorchSetup.Seed(seed);
        var slot = layers.Layers.Single(s => s.Role == LayerRole.Head);
        // A replaced layer keeps its output width (IReplaceableLayers' contract), so the task must have the upstream's class count.
        if (slot.Outputs != data.Classes)
            throw new ConfigException($"the downstream task has {data.Classes} classes but the upstream head {slot.Outputs}; transfer needs the same count");
        var head = nn.Linear(slot.Inputs, data.Classes);
        layers.ReplaceLayer(slot.Name, head).Dispose();
        using var pruner = MagnitudePruner.FromZeros(layers);

        var trainable = mode == TransferMode.LinearProbe ? head.parameters().ToList() : model.parameters().ToList();
        foreach (var p in model.parameters()) p.requires_grad = false;
        foreach (var p in trainable) p.requires_grad = true;
        if (mode == TransferMode.LinearProbe) model.eval();
        else model.train();

        using var optimizer = optim.AdamW(trainable, settings.LearningRate, weight_decay: settings.WeightDecay);
        var warmup = (long)Math.Round(settings.WarmupFraction * settings.Steps);
        var order = new BatchOrder(data.Train.shape[0], settings.BatchSize, seed);
        var watch = Stopwatch.StartNew();
        for (var step = 0; step < settings.Steps; step++)
        {
            using var scope = NewDisposeScope();
            var index = order.Next(data.Train.device);
            var loss = nn.functional.cross_entropy(model.forward(data.Train.index_select(0, index)), data.TrainLabels.index_select(0, index));
            optimizer.zero_grad();
            loss.backward();
            if (mode == TransferMode.FullFineTune) pruner.MaskGradients();
            foreach (var group in optimizer.ParamGroups) group.LearningRate = settings.LearningRate * WarmupCosine.Factor(step, settings.Steps, warmup);
            optimizer.step();
            if (mode == TransferMode.FullFineTune) pruner.Apply();
        }
        var seconds = watch.Elapsed.TotalSeconds;
        foreach (var p in model.parameters()) p.requires_grad = true;
        return new Outcome(Accuracy(model, data.Test, data.TestLabels), pruner.Sparsity(), seconds);
    }

    /// <summary>The fraction of <paramref name="images"/> <paramref name="model"/> classifies as <paramref name="labels"/> (eval mode, chunks of
    /// 500).</summary>
    public static double Accuracy(nn.Module<Tensor, Tensor> model, Tensor images, Tensor labels)
    {
        var training = model.training;
        model.eval();
        long correct = 0;
        using (no_grad())
            for (long start = 0; start < images.shape[0]; start += 500)
            {
                using var scope = NewDisposeScope();
                var length = Math.Min(500, images.shape[0] - start);
                var predicted = model.forward(images.narrow(0, start, length)).argmax(1);
                correct += predicted.eq(labels.narrow(0, start, length)).sum().item<long>();
            }
        model.train(training);
        return correct / (double)images.shape[0];
    }

    /// <summary>Shuffled passes over n examples, batch after batch (a new permutation each pass), from a seeded generator.</summary>
    sealed class BatchOrder(long count, int batchSize, int seed)
    {
        readonly Random random = new(seed);
        long[] permutation = [];
        int position;

        public Tensor Next(Device device)
        {
            var batch = new long[Math.Min(batchSize, count)];
            for (var i = 0; i < batch.Length; i++)
            {
                if (position >= permutation.Length)
                {
                    permutation = [.. Enumerable.Range(0, (int)count).Select(x => (long)x)];
                    random.Shuffle(permutation);
                    position = 0;
                }
                batch[i] = permutation[position++];
            }
            return tensor(batch, device: device);
        }
    }
}
