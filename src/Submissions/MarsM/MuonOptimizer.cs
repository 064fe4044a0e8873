using TorchSharp;

namespace Bench.Submissions.MarsM;

/// <summary>
/// Muon on the hidden weight matrices (convolution filters flattened to [out, in*k*k]), optionally with the
/// MARS-M variance correction. Per matrix with gradient g_t:
/// <list type="bullet">
/// <item>Muon: m = beta*m + (1-beta)*g; Nesterov look-ahead u = (1-beta)*g + beta*m; O = NS(u).</item>
/// <item>MARS-M (approximate): c = g_t + gamma*beta/(1-beta)*(g_t - g_{t-1}), where g_{t-1} is last step's gradient
/// (on last step's batch and weights: the free variant; exact MARS needs a second backward); m = beta*m + (1-beta)*c;
/// O = NS(m).</item>
/// </list>
/// The update is w := w*(1 - rate*wd) - rate * 0.2*sqrt(max(rows, cols)) * O: the 0.2 sqrt(max dim) factor (Liu et
/// al., "Muon is scalable for LLM training", arXiv 2502.16982) gives the update AdamW's RMS, so the baseline's AdamW
/// rate and weight decay carry over without a new sweep.
/// </summary>
public sealed class MuonOptimizer : IDisposable
{
    readonly TorchSharp.Modules.Parameter[] parameters;
    readonly torch.Tensor[] momentum;
    readonly torch.Tensor[]? previousGrad;
    readonly double beta;
    readonly double gamma;
    readonly double weightDecay;

    /// <param name="parameters">The hidden matrices (at least 2-D).</param>
    /// <param name="weightDecay">Decoupled weight decay, multiplied by the rate as in AdamW.</param>
    /// <param name="beta">Momentum.</param>
    /// <param name="gamma">MARS correction strength; null for plain Muon (MARS-M's default is 0.025).</param>
    public MuonOptimizer(IEnumerable<TorchSharp.Modules.Parameter> parameters, double weightDecay, double beta = 0.95, double? gamma = null)
    {
        this.parameters = parameters.ToArray();
        this.beta = beta;
        this.weightDecay = weightDecay;
        this.gamma = gamma ?? 0;
        using var noGrad = torch.no_grad();
        momentum = this.parameters.Select(p => torch.zeros_like(p).DetachFromDisposeScope()).ToArray();
        if (gamma is not null) previousGrad = this.parameters.Select(p => torch.zeros_like(p).DetachFromDisposeScope()).ToArray();
    }

    /// <summary>The MARS-corrected gradient c = g + gamma*beta/(1-beta)*(g - previous).</summary>
    public static torch.Tensor Corrected(torch.Tensor grad, torch.Tensor previous, double gamma, double beta) =>
        grad.add(grad.sub(previous), alpha: gamma * beta / (1 - beta));

    /// <summary>Muon's RMS-matching scale for an update of shape [rows, cols].</summary>
    public static double Scale(long rows, long cols) => 0.2 * Math.Sqrt(Math.Max(rows, cols));

    /// <summary>One update with rate <paramref name="rate"/>; runs in the caller's dispose scope.</summary>
    public void Step(double rate, long step)
    {
        using var noGrad = torch.no_grad();
        for (var i = 0; i < parameters.Length; i++)
        {
            var w = parameters[i];
            var g = w.grad;
            if (g is null) continue;
            torch.Tensor update;
            if (previousGrad is null)
            {
                momentum[i].lerp_(g, 1 - beta);
                update = g.lerp(momentum[i], beta);
            }
            else
            {
                // The first step has no previous gradient: no correction (as in the MARS reference code).
                var c = step == 0 ? g : Corrected(g, previousGrad[i], gamma, beta);
                previousGrad[i].copy_(g);
                momentum[i].lerp_(c, 1 - beta);
                update = momentum[i];
            }
            var matrix = update.reshape(update.shape[0], -1);
            var orthogonal = NewtonSchulz.Orthogonalize(matrix).reshape(w.shape);
            w.mul_(1 - rate * weightDecay);
            w.add_(orthogonal, alpha: -rate * Scale(matrix.shape[0], matrix.shape[1]));
        }
    }

    public void Dispose()
    {
        foreach (var t in momentum) t.Dispose();
        if (previousGrad is not null) foreach (var t in previousGrad) t.Dispose();
    }
}
