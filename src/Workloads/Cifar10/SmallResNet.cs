using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Bench.Workloads.Cifar10;

/// <summary>
/// An airbench-style small convolutional network: three stages of conv-BN-GELU, each followed by
/// 2x2 max-pooling and a residual conv block, then global max-pooling and a linear head.
/// </summary>
public sealed class SmallResNet : nn.Module<Tensor, Tensor>
{
    readonly ModuleList<nn.Module<Tensor, Tensor>> stages;
    readonly Linear head;

    public SmallResNet(int[] widths, int classes) : base(nameof(SmallResNet))
    {
        var modules = new List<nn.Module<Tensor, Tensor>>();
        var inputs = 3;
        foreach (var width in widths)
        {
            modules.Add(new Stage(inputs, width));
            inputs = width;
        }
        stages = nn.ModuleList(modules.ToArray());
        head = nn.Linear(inputs, classes, hasBias: false);
        RegisterComponents();
    }

    /// <summary>Forward multiply-adds x 2 of the convolutions and head for one 32x32 image.</summary>
    public static double ForwardFlops(int[] widths, int classes)
    {
        double flops = 0;
        var (inputs, side) = (3, 32);
        foreach (var width in widths)
        {
            flops += 2.0 * side * side * inputs * width * 9;        // stem conv at full resolution
            side /= 2;
            flops += 2 * (2.0 * side * side * width * width * 9);    // residual block after pooling
            inputs = width;
        }
        return flops + 2.0 * inputs * classes;
    }

    public override Tensor forward(Tensor x)
    {
        foreach (var stage in stages) x = stage.forward(x);
        return head.forward(x.amax([2, 3]));
    }

    sealed class Stage : nn.Module<Tensor, Tensor>
    {
        readonly Conv2d conv;
        readonly BatchNorm2d norm;
        readonly Conv2d residual1;
        readonly BatchNorm2d residualNorm1;
        readonly Conv2d residual2;
        readonly BatchNorm2d residualNorm2;

        public Stage(int inputs, int width) : base(nameof(Stage))
        {
            conv = nn.Conv2d(inputs, width, 3, padding: 1, bias: false);
            norm = nn.BatchNorm2d(width);
            residual1 = nn.Conv2d(width, width, 3, padding: 1, bias: false);
            residualNorm1 = nn.BatchNorm2d(width);
            residual2 = nn.Conv2d(width, width, 3, padding: 1, bias: false);
            residualNorm2 = nn.BatchNorm2d(width);
            RegisterComponents();
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
