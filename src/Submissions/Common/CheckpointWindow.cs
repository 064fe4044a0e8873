using TorchSharp;

namespace Bench.Submissions.Common;

/// <summary>
/// The k latest checkpoints of a model, oldest first. Once full, a new checkpoint overwrites the oldest one's
/// memory instead of allocating, so a long run holds k copies of the weights, never more. Lawa averages the
/// window, lcsc combines it, nino fits a line through it.
/// </summary>
public sealed class CheckpointWindow(int capacity) : IDisposable
{
    readonly Queue<Snapshot> latest = new();

    /// <summary>How many checkpoints the window holds at most.</summary>
    public int Capacity => capacity;

    /// <summary>How many checkpoints it holds now.</summary>
    public int Count => latest.Count;

    /// <summary>Whether it holds <see cref="Capacity"/> checkpoints.</summary>
    public bool IsFull => latest.Count == capacity;

    /// <summary>The checkpoints, oldest first.</summary>
    public IReadOnlyList<Snapshot> OldestFirst => [.. latest];

    /// <summary>
    /// Takes a checkpoint of <paramref name="model"/>'s current parameters and buffers, dropping the oldest when
    /// the window is full, and returns it (the newest).
    /// </summary>
    public Snapshot Add(torch.nn.Module model)
    {
        var checkpoint = latest.Count == capacity ? latest.Dequeue() : null;
        if (checkpoint is null) checkpoint = Snapshot.Take(model); else checkpoint.CopyFrom(model);
        latest.Enqueue(checkpoint);
        return checkpoint;
    }

    /// <summary>Forgets every checkpoint (a fresh history), freeing their memory.</summary>
    public void Clear()
    {
        foreach (var snapshot in latest) snapshot.Dispose();
        latest.Clear();
    }

    public void Dispose() => Clear();
}
