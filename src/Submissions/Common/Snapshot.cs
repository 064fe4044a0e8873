using TorchSharp;

namespace Bench.Submissions.Common;

/// <summary>
/// Detached copies of a model's parameters and buffers (BatchNorm statistics), taken and restored without
/// touching autograd. Checkpoint averaging, nowcasting and the LR range test keep or rewind weights with it.
/// </summary>
public sealed class Snapshot : IDisposable
{
    readonly torch.Tensor[] tensors;

    Snapshot(torch.Tensor[] tensors) => this.tensors = tensors;

    /// <summary>The copied tensors, parameters first (in <c>parameters()</c> order), then buffers.</summary>
    public IReadOnlyList<torch.Tensor> Tensors => tensors;

    /// <summary>Copies the current parameters and buffers of <paramref name="model"/>.</summary>
    public static Snapshot Take(torch.nn.Module model)
    {
        using var noGrad = torch.no_grad();
        return new Snapshot(Live(model).Select(t => t.detach().clone().DetachFromDisposeScope()).ToArray());
    }

    /// <summary>Writes the copied values back into <paramref name="model"/> (same architecture).</summary>
    public void RestoreInto(torch.nn.Module model)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var live = Live(model);
        if (live.Count != tensors.Length) throw new InvalidOperationException("snapshot taken from a different model");
        for (var i = 0; i < tensors.Length; i++) live[i].copy_(tensors[i]);
    }

    /// <summary>Overwrites this snapshot with the current values of <paramref name="model"/>, reusing its memory.</summary>
    public void CopyFrom(torch.nn.Module model)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var live = Live(model);
        for (var i = 0; i < tensors.Length; i++) tensors[i].copy_(live[i]);
    }

    /// <summary>Parameters then buffers: the full state a forward pass depends on.</summary>
    public static IReadOnlyList<torch.Tensor> Live(torch.nn.Module model) =>
        [.. model.parameters(), .. model.buffers()];

    public void Dispose()
    {
        foreach (var tensor in tensors) tensor.Dispose();
    }
}
