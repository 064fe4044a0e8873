namespace Bench.Workloads.Cifar10;

/// <summary>The shape of a <see cref="VisionTransformer"/>: patch side, width, blocks and attention heads.</summary>
public sealed record VitShape(int Patch, int Width, int Layers, int Heads);
