using static TorchSharp.torch;

namespace Bench.Workloads.Common;

/// <summary>A ReLU multilayer perceptron: inputs -> hidden x layers -> classes.</summary>
public static class Mlp
{
    public static nn.Module<Tensor, Tensor> Create(int inputs, int hidden, int layers, int classes)
    {
        var modules = new List<nn.Module<Tensor, Tensor>>();
        var width = inputs;
        for (var i = 0; i < layers; i++)
        {
            modules.Add(nn.Linear(width, hidden));
            modules.Add(nn.ReLU());
            width = hidden;
        }
        modules.Add(nn.Linear(width, classes));
        return nn.Sequential(modules);
    }
}
