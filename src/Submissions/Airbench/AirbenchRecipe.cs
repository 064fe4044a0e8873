using TorchSharp;

namespace Bench.Submissions.Airbench;

/// <summary>
/// The pure parts of airbench94's recipe (Jordan, arXiv 2404.00498): its hyperparameters converted to a mean loss,
/// its learning-rate schedule, label smoothing, the lookahead decay and mirror test-time augmentation.
/// </summary>
public static class AirbenchRecipe
{
    /// <summary>airbench94's SGD settings: lr 11.5 and weight decay 0.0153 per 1024-example "kilostep", Nesterov momentum 0.85.</summary>
    public const double PaperLearningRate = 11.5, PaperWeightDecay = 0.0153, Momentum = 0.85;

    /// <summary>airbench multiplies the rate of BatchNorm biases by 64.</summary>
    public const double BiasScale = 64;

    /// <summary>Label smoothing 0.2.</summary>
    public const double LabelSmoothing = 0.2;

    /// <summary>Lookahead every 5 steps with decay 0.95^5, ramped by the cube of training progress.</summary>
    public const int LookaheadEvery = 5;

    /// <summary>
    /// airbench sums the loss over the batch and uses the rate lr = 11.5 / (1024 * (1 + 1/(1 - momentum))) per example.
    /// A mean loss over <paramref name="batchSize"/> examples has 1/B of that gradient, so its rate is lr * B:
    /// 11.5 / (1 + 1/(1 - 0.85)) * B / 1024 = 1.5 * B / 1024 (0.375 at B = 256).
    /// </summary>
    public static double MeanLossLearningRate(int batchSize) => PaperLearningRate / (1 + 1 / (1 - Momentum)) * batchSize / 1024.0;

    /// <summary>
    /// Weight decay per step: airbench's wd = 0.0153 * B / (1024 * (1 + 1/(1 - 0.85))), applied as L2 coefficient wd / lr,
    /// so each step shrinks the weights by wd = 0.002 * B / 1024 (0.0005 at B = 256).
    /// </summary>
    public static double DecayPerStep(int batchSize) => PaperWeightDecay / (1 + 1 / (1 - Momentum)) * batchSize / 1024.0;

    /// <summary>
    /// The rate multiplier at <paramref name="step"/> of <paramref name="horizon"/>: linear 0.2 -> 1 over the first 23%, then linear to 0.07.
    /// </summary>
    public static double Schedule(long step, long horizon)
    {
        var peak = 0.23 * horizon;
        return step <= peak
            ? 0.2 + 0.8 * step / Math.Max(peak, 1)
            : 1 + (0.07 - 1) * Math.Min(1.0, (step - peak) / Math.Max(horizon - peak, 1));
    }

    /// <summary>Lookahead's decay after <paramref name="step"/> steps of <paramref name="horizon"/>: 0.95^5 * (progress)^3.</summary>
    public static double LookaheadDecay(long step, long horizon) => Math.Pow(0.95, 5) * Math.Pow(Math.Min(1.0, step / (double)horizon), 3);

    /// <summary>Class indices as smoothed probabilities: 1 - e + e/C on the true class, e/C elsewhere.</summary>
    public static torch.Tensor SmoothedTargets(torch.Tensor classes, int count, double smoothing = LabelSmoothing) =>
        torch.nn.functional.one_hot(classes, count).to(torch.float32).mul(1 - smoothing).add(smoothing / count);

    /// <summary>Logits averaged over <paramref name="images"/> and their mirror images (airbench's TTA level 1).</summary>
    public static torch.Tensor Mirrored(Func<torch.Tensor, torch.Tensor> model, torch.Tensor images) =>
        model(images).add(model(images.flip(3))).mul(0.5);

    /// <summary>
    /// airbench's TTA level 2: half the mirrored logits of the images, a quarter each of the mirrored logits of the images
    /// translated one pixel up-left and down-right (reflect padding).
    /// </summary>
    public static torch.Tensor Augmented(Func<torch.Tensor, torch.Tensor> model, torch.Tensor images)
    {
        var (h, w) = (images.shape[2], images.shape[3]);
        var padded = torch.nn.functional.pad(images, [1, 1, 1, 1], PaddingModes.Reflect);
        var upLeft = padded.narrow(2, 0, h).narrow(3, 0, w);
        var downRight = padded.narrow(2, 2, h).narrow(3, 2, w);
        return Mirrored(model, images).mul(0.5).add(Mirrored(model, upLeft).mul(0.25)).add(Mirrored(model, downRight).mul(0.25));
    }
}
