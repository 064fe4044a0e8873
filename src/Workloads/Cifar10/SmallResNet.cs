using Bench.Contracts;
using Bench.Workloads.Common;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Bench.Workloads.Cifar10;

/// <summary>
/// An airbench-style small convolutional network: three stages of conv-BN-GELU, each followed by
/// 2x2 max-pooling and a residual conv block, then global max-pooling and a linear head.
/// Replaceable layers: each stage's three convolutions (<c>stages.i.conv</c>, <c>.residual1</c>, <c>.residual2</c>)
/// and the <c>head</c>, counted for a 32x32 image.
/// </summary>
public sealed class SmallResNet : nn.Module<Tensor, Tensor>, IReplaceableLayers
{
    /// <summary>The image side the FLOPs counts assume (CIFAR-10's).</summary>
    const int Side = 32;

    readonly ModuleList<Stage> stages;
    nn.Module<Tensor, Tensor> head;
    readonly int features;
    readonly int classes;

    public SmallResNet(int[] widths, int classes) : base(nameof(SmallResNet))
    {
        var modules = new List<Stage>();
        var (inputs, side) = (3, Side);
        foreach (var width in widths)
        {
            modules.Add(new Stage(inputs, width, side));
            (inputs, side) = (width, side / 2);
        }
        stages = nn.ModuleList(modules.ToArray());
        head = nn.Linear(inputs, classes, hasBias: false);
        RegisterComponents();
        (features, this.classes) = (inputs, classes);
    }

    /// <summary>Forward multiply-adds x 2 of the convolutions and head for one 32x32 image.</summary>
    public static double ForwardFlops(int[] widths, int classes)
    {
        double flops = 0;
        var (inputs, side) = (3, Side);
        foreach (var width in widths)
        {
            flops += 2.0 * side * side * inputs * width * 9;        // stem conv at full resolution
            side /= 2;
            flops += 2 * (2.0 * side * side * width * width * 9);    // residual block after pooling
            inputs = width;
        }
        return flops + 2.0 * inputs * classes;
    }

    public IReadOnlyList<LayerSlot> Layers =>
    [
        .. stages.SelectMany((stage, i) => stage.Layers.Select(slot => slot.Within($"{nameof(stages)}.{i}", 1))),
        new(nameof(head), LayerKind.Linear, LayerRole.Head, features, classes, 1, 1, head),
    ];

    public nn.Module<Tensor, Tensor> ReplaceLayer(string name, nn.Module<Tensor, Tensor> replacement) =>
        LayerSurgery.ReplaceInBlocksOrHead(this, name, replacement, i => stages[i], nameof(head), h => head = h);

    public override Tensor forward(Tensor x)
    {
        foreach (var stage in stages) x = stage.forward(x);
        return head.forward(x.amax([2, 3]));
    }

    /// <summary>One stage, for images of side <c>side</c> coming in (its residual block runs at half that).</summary>
    sealed class Stage : nn.Module<Tensor, Tensor>, IReplaceableLayers
    {
        nn.Module<Tensor, Tensor> conv;
        readonly BatchNorm2d norm;
        nn.Module<Tensor, Tensor> residual1;
        readonly BatchNorm2d residualNorm1;
        nn.Module<Tensor, Tensor> residual2;
        readonly BatchNorm2d residualNorm2;
        readonly int inputs;
        readonly int width;
        readonly int side;

        public Stage(int inputs, int width, int side) : base(nameof(Stage))
        {
            conv = nn.Conv2d(inputs, width, 3, padding: 1, bias: false);
            norm = nn.BatchNorm2d(width);
            residual1 = nn.Conv2d(width, width, 3, padding: 1, bias: false);
            residualNorm1 = nn.BatchNorm2d(width);
            residual2 = nn.Conv2d(width, width, 3, padding: 1, bias: false);
            residualNorm2 = nn.BatchNorm2d(width);
            RegisterComponents();
            (this.inputs, this.width, this.side) = (inputs, width, side);
        }

        public IReadOnlyList<LayerSlot> Layers =>
        [
            new(nameof(conv), LayerKind.Conv2d, LayerRole.Convolution, inputs, width, 3, side * side, conv),
            new(nameof(residual1), LayerKind.Conv2d, LayerRole.Convolution, width, width, 3, side / 2 * (side / 2), residual1),
            new(nameof(residual2), LayerKind.Conv2d, LayerRole.Convolution, width, width, 3, side / 2 * (side / 2), residual2),
        ];

        public nn.Module<Tensor, Tensor> ReplaceLayer(string name, nn.Module<Tensor, Tensor> replacement)
        {
            var slot = LayerSurgery.Find(this, name);
            LayerSurgery.Prepare(slot, replacement);
            switch (name)
            {
                case nameof(conv): conv = replacement; break;
                case nameof(residual1): residual1 = replacement; break;
                default: residual2 = replacement; break;
            }
            LayerSurgery.Register(this, name, replacement);
            return slot.Module;
        }

        public override Tensor forward(Tensor x)
        {
            x = nn.functional.max_pool2d(nn.functional.gelu(norm.forward(conv.forward(x))), 2);
            var r = nn.functional.gelu(residualNorm1.forward(residual1.forward(x)));
            r = nn.functional.gelu(residualNorm2.forward(residual2.forward(r)));
            return x + r;
        }
    }
}
