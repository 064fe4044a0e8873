using TorchSharp;

namespace Bench.Submissions.Common;

/// <summary>
/// AdamW (decoupled weight decay, bias-corrected moments; <c>torch.optim.AdamW</c>'s update) whose whole state, the
/// moments and the step count, can be saved and restored with the weights. Methods that try a rate for a few steps
/// and roll back (AutoLRS's probes) need that; torch's optimizer keeps its state out of reach.
/// </summary>
public sealed class RewindableAdamW : IDisposable
{
    readonly TorchSharp.Modules.Parameter[] parameters;
    readonly torch.Tensor[] first;
    readonly torch.Tensor[] second;
    readonly double beta1, beta2, weightDecay, epsilon;
    long steps;

    public RewindableAdamW(IEnumerable<TorchSharp.Modules.Parameter> parameters, double beta1, double beta2, double weightDecay, double epsilon = 1e-8)
    {
        this.parameters = parameters.ToArray();
        (this.beta1, this.beta2, this.weightDecay, this.epsilon) = (beta1, beta2, weightDecay, epsilon);
        using var noGrad = torch.no_grad();
        first = this.parameters.Select(p => torch.zeros_like(p).DetachFromDisposeScope()).ToArray();
        second = this.parameters.Select(p => torch.zeros_like(p).DetachFromDisposeScope()).ToArray();
    }

    /// <summary>
    /// w *= 1 - rate*wd; m = b1*m + (1-b1)*g; v = b2*v + (1-b2)*g^2; w -= rate * m/(1-b1^t) / (sqrt(v/(1-b2^t)) + eps).
    /// Runs in the caller's dispose scope.
    /// </summary>
    public void Step(double rate)
    {
        steps++;
        var correction1 = 1 - Math.Pow(beta1, steps);
        var correction2 = 1 - Math.Pow(beta2, steps);
        using var noGrad = torch.no_grad();
        for (var i = 0; i < parameters.Length; i++)
        {
            var grad = parameters[i].grad;
            if (grad is null) continue;
            parameters[i].mul_(1 - rate * weightDecay);
            first[i].mul_(beta1).add_(grad, alpha: 1 - beta1);
            second[i].mul_(beta2).addcmul_(grad, grad, 1 - beta2);
            var denominator = second[i].div(correction2).sqrt_().add_(epsilon);
            parameters[i].addcdiv_(first[i], denominator, -rate / correction1);
        }
    }

    /// <summary>Copies of the moments and the step count, to <see cref="Restore"/> after a trial run.</summary>
    public State Save()
    {
        using var noGrad = torch.no_grad();
        return new State(
            [.. first.Select(t => t.clone().DetachFromDisposeScope())],
            [.. second.Select(t => t.clone().DetachFromDisposeScope())],
            steps);
    }

    /// <summary>Puts the optimizer back to <paramref name="state"/> (which stays valid for further restores).</summary>
    public void Restore(State state)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        for (var i = 0; i < first.Length; i++) { first[i].copy_(state.First[i]); second[i].copy_(state.Second[i]); }
        steps = state.Steps;
    }

    /// <summary>Saved optimizer state; owns its tensors.</summary>
    public sealed record State(torch.Tensor[] First, torch.Tensor[] Second, long Steps) : IDisposable
    {
        public void Dispose()
        {
            foreach (var t in First) t.Dispose();
            foreach (var t in Second) t.Dispose();
        }
    }

    public void Dispose()
    {
        foreach (var t in first) t.Dispose();
        foreach (var t in second) t.Dispose();
    }
}
