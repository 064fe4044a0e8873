namespace Bench.Workloads.Cifar10Vit;

/// <summary>The shape of a <see cref="VisionTransformer"/>: patch side, width, blocks and attention heads.</summary>
public sealed record VitShape(int Patch, int Width, int Layers, int Heads);
