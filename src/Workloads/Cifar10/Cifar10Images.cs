using Bench.Contracts;
using TorchSharp;

namespace Bench.Workloads.Cifar10;

/// <summary>
/// CIFAR-10 images standardised per channel (<c>[n, 3, 32, 32]</c> float32) with their labels, and what was read
/// (<see cref="Cifar10Workload.ReadImages"/>). The tensors belong to the run that opens them.
/// </summary>
public sealed record Cifar10Images(torch.Tensor Train, torch.Tensor TrainLabels, torch.Tensor Test, torch.Tensor TestLabels, string Description)
{
    /// <summary>
    /// Reads the training split's stored files (the images of <see cref="Train"/>, before decoding) on demand; null when the
    /// copy read cannot give them (the official archive).
    /// </summary>
    public Func<EncodedSplit>? ReadEncodedTrain { get; init; }
}
