namespace Bench.Micro.Precision;

/// <summary>A char-GPT transformer block and its input batch [Batch, Tokens, Width].</summary>
public sealed record BlockShape(string Name, int Batch, int Tokens, int Width, int Heads)
{
    /// <summary>The tinyshakespeare cpu scale: batch 32, context 64, width 128, 4 heads.</summary>
    public static readonly BlockShape CharGptCpu = new("char-GPT cpu", 32, 64, 128, 4);

    /// <summary>The tinyshakespeare gpu scale's block (context 256, width 384, 6 heads) at batch 8: the larger size.</summary>
    public static readonly BlockShape CharGptGpu = new("char-GPT gpu b8", 8, 256, 384, 6);

    public override string ToString() => Name;
}
