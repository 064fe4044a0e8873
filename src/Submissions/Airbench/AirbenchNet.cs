using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Bench.Submissions.Airbench;

/// <summary>
/// airbench94's network (Jordan, arXiv 2404.00498), which the airbench submission builds in place of the workload's: a
/// fixed 2x2 patch-whitening convolution (24 filters: 12 eigen-patches and their negatives, bias trained), then three
/// groups of conv-maxpool-BN-GELU-conv-BN-GELU (no residual), global max-pooling, a bias-free linear head and a 1/9
/// output scale. BatchNorm scales are frozen at 1 (only their biases train; their parameters are named <c>norm…</c>),
/// momentum 0.4 in PyTorch's convention (airbench's 0.6), eps 1e-12. Widths per scale: <see cref="AirbenchSubmission"/>; classes from the workload.
/// </summary>
public sealed class AirbenchNet : nn.Module<Tensor, Tensor>
{
    /// <summary>Input channels: RGB images.</summary>
    public const int Channels = 3;

    /// <summary>Values in a 2x2 patch of a 3-channel image: the whitening layer's eigen-patches.</summary>
    public const int PatchValues = Channels * 2 * 2;

    readonly Conv2d whiten;
    readonly ModuleList<nn.Module<Tensor, Tensor>> groups;
    readonly Linear head;

    public AirbenchNet(int[] widths, int classes) : base(nameof(AirbenchNet))
    {
        whiten = nn.Conv2d(3, 2 * PatchValues, 2, bias: true);
        var modules = new List<nn.Module<Tensor, Tensor>>();
        var inputs = 2 * PatchValues;
        foreach (var width in widths)
        {
            modules.Add(new ConvGroup(inputs, width));
            inputs = width;
        }
        groups = nn.ModuleList(modules.ToArray());
        head = nn.Linear(inputs, classes, hasBias: false);
        RegisterComponents();
        whiten.weight!.requires_grad = false;
    }

    /// <summary>
    /// Sets the whitening filters from <paramref name="images"/> [N, 3, H, W]: the eigenvectors of the (uncentred) 2x2
    /// patch covariance scaled by 1/sqrt(eigenvalue + <paramref name="epsilon"/>), and their negatives.
    /// </summary>
    public void InitialiseWhitening(Tensor images, double epsilon = 5e-4)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var (values, vectors) = WhiteningBasis(images);
        var scaled = vectors.div(values.add(epsilon).sqrt().view(-1, 1, 1, 1));
        whiten.weight!.copy_(cat(new[] { scaled, scaled.neg() }));
    }

    /// <summary>
    /// Eigenvalues (descending) and eigenvectors, shaped as filters [12, 3, 2, 2], of the uncentred covariance of every
    /// 2x2 patch of <paramref name="images"/>.
    /// </summary>
    public static (Tensor Values, Tensor Vectors) WhiteningBasis(Tensor images)
    {
        // [N, C, H-1, W-1, 2, 2] -> one row per patch in the (channel, row, column) order of a conv filter.
        var patches = images.unfold(2, 2, 1).unfold(3, 2, 1).transpose(1, 3).reshape(-1, PatchValues).to(float64);
        var covariance = patches.t().matmul(patches).div(patches.shape[0]);
        var (values, vectors) = linalg.eigh(covariance);
        return (values.flip(0).to(float32), vectors.t().flip(0).reshape(PatchValues, 3, 2, 2).to(float32));
    }

    public override Tensor forward(Tensor x)
    {
        x = nn.functional.gelu(whiten.forward(x));
        foreach (var group in groups) x = group.forward(x);
        return head.forward(x.amax([2, 3])).mul(1.0 / 9);
    }

    sealed class ConvGroup : nn.Module<Tensor, Tensor>
    {
        readonly Conv2d conv1;
        readonly BatchNorm2d norm1;
        readonly Conv2d conv2;
        readonly BatchNorm2d norm2;

        public ConvGroup(int inputs, int width) : base(nameof(ConvGroup))
        {
            conv1 = nn.Conv2d(inputs, width, 3, padding: 1, bias: false);
            norm1 = nn.BatchNorm2d(width, eps: 1e-12, momentum: 0.4);
            conv2 = nn.Conv2d(width, width, 3, padding: 1, bias: false);
            norm2 = nn.BatchNorm2d(width, eps: 1e-12, momentum: 0.4);
            RegisterComponents();
            norm1.weight!.requires_grad = false;
            norm2.weight!.requires_grad = false;
        }

        public override Tensor forward(Tensor x)
        {
            x = nn.functional.max_pool2d(conv1.forward(x), 2);
            x = nn.functional.gelu(norm1.forward(x));
            return nn.functional.gelu(norm2.forward(conv2.forward(x)));
        }
    }
}
