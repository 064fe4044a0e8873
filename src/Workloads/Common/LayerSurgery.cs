using System.Runtime.InteropServices;
using Bench.Contracts;
using TorchSharp;
using static TorchSharp.torch;

namespace Bench.Workloads.Common;

/// <summary>
/// The checks and registration behind every workload model's <see cref="IReplaceableLayers.ReplaceLayer"/>: the model
/// finds the slot, assigns its own field, and calls <see cref="Register"/> so the module tree holds the new layer.
/// </summary>
public static class LayerSurgery
{
    /// <summary>
    /// The slot named <paramref name="name"/> among the model's layers or, failing that, its composite units
    /// (<see cref="IReplaceableLayers.Composites"/>), or an error listing the names there are.
    /// </summary>
    public static LayerSlot Find(IReplaceableLayers model, string name) =>
        model.Layers.FirstOrDefault(slot => slot.Name == name)
        ?? model.Composites.FirstOrDefault(slot => slot.Name == name)
        ?? throw new ArgumentException($"no replaceable layer '{name}'; the model's layers are " +
            string.Join(", ", model.Layers.Concat(model.Composites).Select(s => s.Name).Distinct()), nameof(name));

    /// <summary>
    /// Moves <paramref name="replacement"/> to the slot's device and dtype and training mode, and checks that it maps
    /// a probe input of the layer's input shape to the same output shape as the layer it replaces.
    /// </summary>
    public static void Prepare(LayerSlot slot, nn.Module<Tensor, Tensor> replacement)
    {
        if (ReferenceEquals(slot.Module, replacement)) throw new ArgumentException($"layer '{slot.Name}' already is this module", nameof(replacement));
        var reference = slot.Module.parameters().FirstOrDefault();
        if (reference is not null)
        {
            replacement.to(reference.device);
            if (replacement.parameters().Any(p => p.dtype != reference.dtype)) replacement.to(reference.dtype);
        }
        replacement.train(slot.Module.training);

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        // An embedding bag reads ids: zeros are valid ids of every table.
        var probe = zeros(ProbeShape(slot), dtype: slot.Kind == LayerKind.EmbeddingBag ? ScalarType.Int64 : reference?.dtype ?? ScalarType.Float32,
            device: reference?.device ?? CPU);
        var expected = slot.Module.forward(probe).shape;
        long[] actual;
        try { actual = replacement.forward(probe).shape; }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or ExternalException)
        {
            throw new ArgumentException($"the replacement for '{slot.Name}' fails on an input of shape [{string.Join(", ", probe.shape)}]: {e.Message}",
                nameof(replacement), e);
        }
        if (!expected.SequenceEqual(actual))
            throw new ArgumentException(
                $"the replacement for '{slot.Name}' ({slot.Kind} {slot.Inputs} -> {slot.Outputs}) maps [{string.Join(", ", probe.shape)}] to " +
                    $"[{string.Join(", ", actual)}], not [{string.Join(", ", expected)}]",
                nameof(replacement));
    }

    /// <summary>
    /// Registers <paramref name="replacement"/> as <paramref name="parent"/>'s child <paramref name="childName"/> in
    /// place of the module there, keeping the children's order (so <c>parameters()</c> and <c>state_dict()</c> keep
    /// theirs). TorchSharp's <c>register_module</c> refuses a taken name and appends at the end, so the child and those
    /// after it are unregistered and registered again in order.
    /// </summary>
    public static void Register(nn.Module parent, string childName, nn.Module replacement)
    {
        var children = parent.named_children().ToList();
        var index = children.FindIndex(c => c.name == childName);
        if (index < 0) throw new ArgumentException($"{parent.GetName()} has no child '{childName}'", nameof(childName));
        foreach (var (name, _) in children.Skip(index)) parent.register_module(name, null!);
        parent.register_module(childName, replacement);
        foreach (var (name, module) in children.Skip(index + 1)) parent.register_module(name, module);
    }

    /// <summary>
    /// Registers <paramref name="replacement"/> as <paramref name="parent"/>'s child <paramref name="childName"/> in place of
    /// the children <paramref name="parts"/> (a composite unit replacing the layers it is made of), where the first of
    /// them was; the parts are no longer children (the caller owns them), the other children keep their order.
    /// </summary>
    public static void RegisterInPlaceOf(nn.Module parent, IReadOnlyCollection<string> parts, string childName, nn.Module replacement)
    {
        var children = parent.named_children().ToList();
        var index = children.FindIndex(c => parts.Contains(c.name));
        if (index < 0 || parts.Any(p => children.All(c => c.name != p)))
            throw new ArgumentException($"{parent.GetName()} lacks one of the children {string.Join(", ", parts)}", nameof(parts));
        foreach (var (name, _) in children.Skip(index)) parent.register_module(name, null!);
        parent.register_module(childName, replacement);
        foreach (var (name, module) in children.Skip(index).Where(c => !parts.Contains(c.name))) parent.register_module(name, module);
    }

    /// <summary>
    /// <see cref="IReplaceableLayers.ReplaceLayer"/> of a model made of a list of blocks with replaceable layers and a
    /// head (<paramref name="headName"/>): a block's layer is replaced by that block, the head here (the model assigns
    /// its field through <paramref name="setHead"/>). Returns the replaced module for the caller to dispose.
    /// </summary>
    public static nn.Module<Tensor, Tensor> ReplaceInBlocksOrHead(IReplaceableLayers model, string name, nn.Module<Tensor, Tensor> replacement,
        Func<int, IReplaceableLayers> block, string headName, Action<nn.Module<Tensor, Tensor>> setHead)
    {
        var slot = Find(model, name);
        Prepare(slot, replacement); // here, so an error names the layer by its full name
        if (name != headName)
        {
            var (index, rest) = Split(name);
            return block(index).ReplaceLayer(rest, replacement);
        }
        setHead(replacement);
        Register((nn.Module)model, name, replacement);
        return slot.Module;
    }

    /// <summary>
    /// <see cref="IReplaceableLayers.ReplaceLayer"/> of one of <paramref name="model"/>'s <see cref="IReplaceableLayers.Blocks"/>,
    /// named <c>list.i</c> and held as item i of <paramref name="list"/>: checked as any layer, then put in the list's item
    /// and registered under the item's name, so its parameters take the block's place in <c>parameters()</c>. Returns the
    /// replaced block (which a wrapper keeps as its child: then the caller must not dispose it).
    /// </summary>
    public static nn.Module<Tensor, Tensor> ReplaceBlock(IReplaceableLayers model, string name, nn.Module<Tensor, Tensor> replacement,
        IList<nn.Module<Tensor, Tensor>> list)
    {
        var slot = model.Blocks.FirstOrDefault(b => b.Name == name)
            ?? throw new ArgumentException($"no replaceable block '{name}'; the model's blocks are {string.Join(", ", model.Blocks.Select(b => b.Name))}",
                nameof(name));
        Prepare(slot, replacement);
        var index = int.Parse(name[(name.LastIndexOf('.') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        list[index] = replacement;
        Register((nn.Module)list, index.ToString(System.Globalization.CultureInfo.InvariantCulture), replacement);
        return slot.Module;
    }

    /// <summary>The list index and the rest of a name <c>list.i.rest</c> (of a layer held in a ModuleList's item).</summary>
    public static (int Index, string Layer) Split(string name)
    {
        var parts = name.Split('.', 3);
        return parts.Length == 3 && int.TryParse(parts[1], out var index) ? (index, parts[2])
            : throw new ArgumentException($"'{name}' is not of the form list.index.layer", nameof(name));
    }

    static long[] ProbeShape(LayerSlot slot) => slot.Kind switch
    {
        LayerKind.Linear or LayerKind.FeedForward => [2, slot.Inputs],
        LayerKind.Conv1d => [1, slot.Inputs, 2 * slot.KernelSize + 3],
        LayerKind.Conv2d => [1, slot.Inputs, 2 * slot.KernelSize + 2, 2 * slot.KernelSize + 2],
        LayerKind.EmbeddingBag => [2, slot.KernelSize],
        LayerKind.Block => [2, 3, slot.Inputs],
        _ => throw new ArgumentOutOfRangeException(nameof(slot), slot.Kind, "unknown layer kind"),
    };
}
