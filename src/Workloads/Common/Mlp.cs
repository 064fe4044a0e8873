using Bench.Contracts;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Bench.Workloads.Common;

/// <summary>
/// A ReLU multilayer perceptron: inputs -> hidden x layers -> classes. Replaceable layers: <c>layers.0</c> to
/// <c>layers.{layers}</c>, the last one the head.
/// </summary>
public sealed class Mlp : nn.Module<Tensor, Tensor>, IReplaceableLayers
{
    // One list, so parameter names (layers.i.weight) carry no role a submission could match by name.
    readonly ModuleList<nn.Module<Tensor, Tensor>> layers;
    readonly int[] widths;

    public Mlp(int inputs, int hidden, int layers, int classes) : base(nameof(Mlp))
    {
        widths = [inputs, .. Enumerable.Repeat(hidden, layers), classes];
        this.layers = nn.ModuleList(widths.Zip(widths.Skip(1), (i, o) => (nn.Module<Tensor, Tensor>)nn.Linear(i, o)).ToArray());
        RegisterComponents();
    }

    public IReadOnlyList<LayerSlot> Layers =>
    [
        .. layers.Select((layer, i) => new LayerSlot(
            $"{nameof(layers)}.{i}", LayerKind.Linear, i == layers.Count - 1 ? LayerRole.Head : LayerRole.Hidden,
            widths[i], widths[i + 1], 1, 1, layer)),
    ];

    public nn.Module<Tensor, Tensor> ReplaceLayer(string name, nn.Module<Tensor, Tensor> replacement)
    {
        var slot = LayerSurgery.Find(this, name);
        LayerSurgery.Prepare(slot, replacement);
        var index = name[(nameof(layers).Length + 1)..];
        layers[int.Parse(index, System.Globalization.CultureInfo.InvariantCulture)] = replacement;
        LayerSurgery.Register(layers, index, replacement);
        return slot.Module;
    }

    public override Tensor forward(Tensor x)
    {
        for (var i = 0; i < layers.Count - 1; i++) x = nn.functional.relu(layers[i].forward(x));
        return layers[^1].forward(x);
    }
}
