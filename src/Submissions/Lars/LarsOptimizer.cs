using TorchSharp;

namespace Bench.Submissions.Lars;

/// <summary>
/// Layer-wise Adaptive Rate Scaling (You, Gitman and Ginsburg, arXiv 1708.03888, Algorithm 1). For each weight
/// tensor w with gradient g: local rate = eta * ||w|| / (||g|| + beta * ||w||); v = m * v + rate * local *
/// (g + beta * w); w -= v. Only weight matrices and filters are given here: biases and normalisation
/// parameters are excluded from layer-wise adaptation, as the paper's follow-ups do (see <see cref="LarsSubmission"/>).
/// </summary>
public sealed class LarsOptimizer : IDisposable
{
    readonly TorchSharp.Modules.Parameter[] parameters;
    readonly torch.Tensor[] velocity;
    readonly double trust;
    readonly double weightDecay;
    readonly double momentum;

    public LarsOptimizer(IEnumerable<TorchSharp.Modules.Parameter> parameters, double trust = 0.001, double weightDecay = 5e-4, double momentum = 0.9)
    {
        this.parameters = parameters.ToArray();
        this.trust = trust;
        this.weightDecay = weightDecay;
        this.momentum = momentum;
        using var noGrad = torch.no_grad();
        velocity = this.parameters.Select(p => torch.zeros_like(p).DetachFromDisposeScope()).ToArray();
    }

    /// <summary>eta * ||w|| / (||g|| + beta * ||w||); 1 when either norm is zero (fresh zero-initialised layers).</summary>
    public static double LocalRate(double weightNorm, double gradNorm, double trust, double weightDecay) =>
        weightNorm > 0 && gradNorm > 0 ? trust * weightNorm / (gradNorm + weightDecay * weightNorm) : 1;

    /// <summary>Whether LARS scales this tensor: weight matrices and filters, not biases or norm gains.</summary>
    public static bool IsScaled(torch.Tensor parameter) => parameter.dim() >= 2;

    /// <summary>One update with global rate <paramref name="rate"/>; runs in the caller's dispose scope.</summary>
    public void Step(double rate)
    {
        using var noGrad = torch.no_grad();
        for (var i = 0; i < parameters.Length; i++)
        {
            var w = parameters[i];
            var g = w.grad;
            if (g is null) continue;
            var local = LocalRate(w.norm().item<float>(), g.norm().item<float>(), trust, weightDecay);
            velocity[i].mul_(momentum).add_(g.add(w, alpha: weightDecay), alpha: rate * local);
            w.add_(velocity[i], alpha: -1);
        }
    }

    public void Dispose()
    {
        foreach (var v in velocity) v.Dispose();
    }
}
