namespace Bench.Workloads.KgTranse;

/// <summary>
/// A knowledge graph in the ConvE / OpenKE text layout: <c>train.txt</c>, <c>valid.txt</c>, <c>test.txt</c>,
/// one <c>head\trelation\ttail</c> per line. Entity and relation ids are assigned over the union of the
/// three files in order of first appearance, so any graph of this format just works.
/// </summary>
public sealed class TripleSet
{
    public TripleSet(IReadOnlyList<(string H, string R, string T)> train, IReadOnlyList<(string H, string R, string T)> valid,
        IReadOnlyList<(string H, string R, string T)> test)
    {
        var entities = new Dictionary<string, int>(StringComparer.Ordinal);
        var relations = new Dictionary<string, int>(StringComparer.Ordinal);
        int[,] Encode(IReadOnlyList<(string H, string R, string T)> triples)
        {
            var ids = new int[triples.Count, 3];
            for (var i = 0; i < triples.Count; i++)
            {
                ids[i, 0] = Id(entities, triples[i].H);
                ids[i, 1] = Id(relations, triples[i].R);
                ids[i, 2] = Id(entities, triples[i].T);
            }
            return ids;
        }
        Train = Encode(train);
        Valid = Encode(valid);
        Test = Encode(test);
        Entities = entities.Count;
        Relations = relations.Count;
    }

    public int[,] Train { get; }
    public int[,] Valid { get; }
    public int[,] Test { get; }
    public int Entities { get; }
    public int Relations { get; }

    /// <summary>Reads the three files of a folder; a malformed line names its file and line number. Train and test need a triple each.</summary>
    public static TripleSet Read(string folder)
    {
        var (train, valid, test) = (ReadFile(Path.Combine(folder, "train.txt")), ReadFile(Path.Combine(folder, "valid.txt")),
            ReadFile(Path.Combine(folder, "test.txt")));
        foreach (var (split, triples) in new[] { ("train.txt", train), ("test.txt", test) })
            if (triples.Count == 0) throw new InvalidDataException($"{Path.Combine(folder, split)} has no triples");
        return new(train, valid, test);
    }

    static List<(string, string, string)> ReadFile(string path)
    {
        var triples = new List<(string, string, string)>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (line.Length == 0) continue;
            var parts = line.Split('\t');
            if (parts.Length != 3 || parts.Any(p => p.Length == 0))
                throw new InvalidDataException($"{path}:{number}: expected 'head<TAB>relation<TAB>tail', got '{line}'");
            triples.Add((parts[0], parts[1], parts[2]));
        }
        return triples;
    }

    static int Id(Dictionary<string, int> ids, string name)
    {
        if (!ids.TryGetValue(name, out var id)) ids[name] = id = ids.Count;
        return id;
    }
}
