using TorchSharp;
using static TorchSharp.torch;

namespace Bench.Submissions.EfficientNetV2;

/// <summary>
/// A classifier head with dropout on its input, where EfficientNet puts its dropout (on the pooled features before the
/// final layer); the rate is set per stage. Rate 0 and evaluation mode pass the features through untouched.
/// </summary>
public sealed class HeadDropout : nn.Module<Tensor, Tensor>
{
    readonly nn.Module<Tensor, Tensor> head;

    public HeadDropout(nn.Module<Tensor, Tensor> head) : base(nameof(HeadDropout))
    {
        this.head = head;
        RegisterComponents();
    }

    /// <summary>Probability of zeroing a feature in training mode.</summary>
    public double Rate { get; set; }

    public override Tensor forward(Tensor x) =>
        head.forward(training && Rate > 0 ? nn.functional.dropout(x, Rate, training: true) : x);
}
