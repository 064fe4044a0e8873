using TorchSharp;

namespace Bench.Submissions.Tests.Common;

/// <summary>Sets every parameter of a tiny test model to one value, so a checkpoint or swap is told apart by it.</summary>
static class Weights
{
    public static void Fill(torch.nn.Module model, float value)
    {
        using var noGrad = torch.no_grad();
        foreach (var p in model.parameters()) p.fill_(value);
    }
}
