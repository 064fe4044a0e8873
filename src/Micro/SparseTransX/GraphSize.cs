namespace Bench.Micro.SparseTransX;

/// <summary>
/// One knowledge-graph shape for the TransE step: entity and relation counts, embedding width and
/// batch size (positive triples; as many corrupted ones are added).
/// </summary>
public sealed record GraphSize(string Name, int Entities, int Relations, int Dimensions, int BatchSize)
{
    /// <summary>UMLS (135 entities, 46 relations) with the kg-transe cpu scale: d = 100, batch 256.</summary>
    public static readonly GraphSize Umls = new("UMLS", 135, 46, 100, 256);

    /// <summary>
    /// WN18RR (40,943 entities, 11 relations, counted over train/valid/test of /work/shared/data/kg/wn18rr)
    /// with the kg-transe gpu scale: d = 200, batch 1024.
    /// </summary>
    public static readonly GraphSize Wn18rr = new("WN18RR", 40_943, 11, 200, 1024);

    /// <summary>WN18RR with an 8x batch: the larger size that shows the trend.</summary>
    public static readonly GraphSize Wn18rrLargeBatch = new("WN18RR-b8192", 40_943, 11, 200, 8192);

    /// <summary>BenchmarkDotNet prints this in the params column.</summary>
    public override string ToString() => Name;
}
