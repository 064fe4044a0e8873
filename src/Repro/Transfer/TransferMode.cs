namespace Bench.Repro.Transfer;

/// <summary>How an upstream network is adapted to the downstream task (the paper's two regimes).</summary>
public enum TransferMode
{
    /// <summary>A new head trained on frozen features: every backbone weight and BatchNorm statistic unchanged.</summary>
    LinearProbe,

    /// <summary>A new head and every weight trained, the upstream sparsity mask kept (pruned weights stay zero).</summary>
    FullFineTune,
}
