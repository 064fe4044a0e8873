using Bench.Contracts;
using static TorchSharp.torch;

namespace Bench.Submissions.Tests.Meco;

/// <summary>
/// A hand-made text with an untitled opening "q\n\n" (offsets 0-2, no speaker), A's speech (3-13) and BB's speech
/// (14-30), its one-character vocabulary, and windows cut from it as the workload's source cuts them: the fixture of the
/// metadata tests (prepended and appended).
/// </summary>
public static class TwoSpeeches
{
    public const string Text = "q\n\nA:\nxyzxyz\n\nBB:\nuvwuvwuvw\n";

    public static readonly string[] Vocabulary = Text.Distinct().Order().Select(c => c.ToString()).ToArray();

    public static long[] Encode(string s) => s.Select(c => (long)Array.IndexOf(Vocabulary, c.ToString())).ToArray();

    /// <summary>The windows of <paramref name="context"/> characters starting at <paramref name="starts"/>, with their ids.</summary>
    public static Batch Windows(int context, params long[] starts)
    {
        var tokens = Encode(Text);
        var x = starts.SelectMany(s => tokens[(int)s..((int)s + context)]).ToArray();
        var y = starts.SelectMany(s => tokens[((int)s + 1)..((int)s + context + 1)]).ToArray();
        return new Batch(tensor(x, [starts.Length, context]), tensor(y, [starts.Length, context])) { ExampleIds = starts };
    }
}
