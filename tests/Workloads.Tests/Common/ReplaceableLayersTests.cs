using Bench.Contracts;
using Bench.Tests.Shared;
using Bench.Workloads.Cifar10;
using Bench.Workloads.Cifar10Vit;
using Bench.Workloads.Common;
using Bench.Workloads.KgTranse;
using Bench.Workloads.ModAdd;
using Bench.Workloads.Sst2;
using Bench.Workloads.TinyShakespeare;
using TorchSharp;
using static TorchSharp.torch;

namespace Bench.Workloads.Tests.Common;

public class ReplaceableLayersTests
{
    /// <summary>A linear layer of the slot's shape with zero weight and bias: its output is exactly zero.</summary>
    static nn.Module<Tensor, Tensor> ZeroLinear(LayerSlot slot)
    {
        var layer = nn.Linear(slot.Inputs, slot.Outputs);
        using (no_grad())
        {
            layer.weight!.zero_();
            layer.bias!.zero_();
        }
        return layer;
    }

    /// <summary>
    /// Wraps the layer it replaces and runs it: same contract, one level deeper in the module tree. Counts its calls,
    /// so a test sees that the model's forward goes through it.
    /// </summary>
    sealed class Wrapper : nn.Module<Tensor, Tensor>
    {
        readonly nn.Module<Tensor, Tensor> inner;

        public Wrapper(nn.Module<Tensor, Tensor> inner) : base(nameof(Wrapper))
        {
            this.inner = inner;
            RegisterComponents();
        }

        public int Calls { get; private set; }

        public override Tensor forward(Tensor x)
        {
            Calls++;
            return inner.forward(x);
        }
    }

    static IEnumerable<(string Name, nn.Module<Tensor, Tensor> Model, Tensor Input)> Models()
    {
        yield return ("chargpt", new CharGpt(vocabulary: 10, context: 8, width: 16, layers: 2, heads: 2), randint(0, 10, [2, 8]));
        yield return ("modadd", new ModularAdditionTransformer(modulus: 7, width: 16, layers: 1, heads: 2), randint(0, 8, [2, 3]));
        yield return ("resnet", new SmallResNet([8, 16, 16], 10), randn(2, 3, 32, 32));
        yield return ("vit", new VisionTransformer(new VitShape(8, 16, 2, 2), 10), randn(2, 3, 32, 32));
        yield return ("kimcnn", new KimCnn(vocabulary: 20, dimensions: 8, filters: 4, classes: 2, dropoutRate: 0, length: 6), randint(0, 20, [2, 6]));
        yield return ("mlp", new Mlp(inputs: 12, hidden: 8, layers: 2, classes: 3), randn(2, 12));
        yield return ("block", new TransformerBlock(16, 4), randn(2, 5, 16));
        yield return ("transe", new TransE(entityCount: 6, relationCount: 3, dimensions: 4, norm: 1), tensor(new long[] { 0, 2, 5, 4, 1, 3 }, [2, 3]));
    }

    [Fact]
    public void Layer_names_are_module_paths_in_forward_order_with_their_shapes()
    {
        _ = TorchFixture.Cpu;
        using var model = new CharGpt(vocabulary: 10, context: 8, width: 16, layers: 2, heads: 2);
        var layers = model.Layers;
        Assert.Equal(
            ["blocks.0.qkv", "blocks.0.projection", "blocks.0.expand", "blocks.0.contract",
             "blocks.1.qkv", "blocks.1.projection", "blocks.1.expand", "blocks.1.contract", "head"],
            layers.Select(l => l.Name));
        var modules = model.named_modules().ToDictionary(m => m.name, m => m.module);
        Assert.All(layers, l => Assert.Same(modules[l.Name], l.Module));
        var expand = layers[2];
        Assert.Equal((LayerKind.Linear, LayerRole.FeedForwardUp, 16, 64, 8.0), (expand.Kind, expand.Role, expand.Inputs, expand.Outputs,
            expand.PositionsPerExample));
        Assert.Equal((LayerRole.Head, 16, 10), (layers[^1].Role, layers[^1].Inputs, layers[^1].Outputs));
    }

    [Fact]
    public void A_char_gpt_block_is_replaced_whole_in_place_and_its_layers_stay_listed_through_a_listing_wrapper()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var model = new CharGpt(vocabulary: 10, context: 8, width: 16, layers: 3, heads: 2);
        Assert.Equal(["blocks.0", "blocks.1", "blocks.2"], model.Blocks.Select(b => b.Name));
        Assert.All(model.Blocks, b => Assert.Equal((LayerKind.Block, LayerRole.TransformerBlock, 16, 16, 8.0),
            (b.Kind, b.Role, b.Inputs, b.Outputs, b.PositionsPerExample)));
        var input = randint(0, 10, [2, 8]);
        using var noGrad = no_grad();
        var before = model.forward(input);
        var block = model.Blocks[1].Module;
        var names = model.named_parameters().Select(p => p.name).ToList();

        // A wrapper that lists nothing: the block's four layers leave the listing, its parameters stay (one level deeper).
        var wrapper = new Wrapper(block);
        Assert.Same(block, ((IReplaceableLayers)model).ReplaceLayer("blocks.1", wrapper));
        Assert.Same(wrapper, model.Blocks[1].Module);
        Assert.Equal(1, wrapper.Calls); // the shape probe
        Assert.True(model.forward(input).allclose(before));
        Assert.Equal(2, wrapper.Calls);
        Assert.DoesNotContain(model.Layers, l => l.Name.StartsWith("blocks.1.", StringComparison.Ordinal));
        Assert.Equal(names.Select(n => n.StartsWith("blocks.1.", StringComparison.Ordinal) ? "blocks.1.inner." + n["blocks.1.".Length..] : n),
            model.named_parameters().Select(p => p.name));
        Assert.Throws<ArgumentException>(() => ((IReplaceableLayers)model).ReplaceLayer("blocks.3", new Wrapper(nn.Identity())));
        Assert.Throws<ArgumentException>(() => ((IReplaceableLayers)model).ReplaceLayer("blocks.0", nn.Linear(16, 4)));
        Assert.IsType<TransformerBlock>(model.Blocks[0].Module);
    }

    [Fact]
    public void Every_workload_model_registers_a_replacement_where_the_layer_was_and_runs_it()
    {
        _ = TorchFixture.Cpu;
        manual_seed(0);
        foreach (var (name, model, input) in Models())
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            model.eval();
            var layers = (IReplaceableLayers)model;
            var before = model.forward(input);
            var names = model.named_parameters().Select(p => p.name).ToList();
            var wrappers = new List<Wrapper>();
            foreach (var slot in layers.Layers)
            {
                wrappers.Add(new Wrapper(slot.Module));
                Assert.Same(slot.Module, layers.ReplaceLayer(slot.Name, wrappers[^1]));
            }
            var probes = wrappers.Select(w => w.Calls).ToList();

            // The wrappers run the same layers, so the output is unchanged, the forward goes through every one of them,
            // and each layer's parameters are now one level deeper ("head.weight" -> "head.inner.weight"), in order.
            Assert.True(before.allclose(model.forward(input)), name);
            Assert.All(wrappers.Zip(probes), w => Assert.Equal(w.Second + 1, w.First.Calls));
            var prefixes = layers.Layers.Select(l => l.Name + ".").ToList();
            var expected = names.Select(n => prefixes.FirstOrDefault(n.StartsWith) is { } p ? $"{p}inner.{n[p.Length..]}" : n);
            Assert.Equal(expected, model.named_parameters().Select(p => p.name));
            Assert.All(layers.Layers, l => Assert.IsType<Wrapper>(l.Module));
            model.Dispose();
        }
    }

    [Fact]
    public void A_zero_head_makes_the_logits_zero_and_its_parameters_replace_the_old_ones()
    {
        _ = TorchFixture.Cpu;
        manual_seed(1);
        using var scope = NewDisposeScope();
        using var model = new CharGpt(vocabulary: 10, context: 8, width: 16, layers: 2, heads: 2);
        var input = randint(0, 10, [2, 8]);
        var count = model.parameters().Count();
        var zero = ZeroLinear(model.Layers[^1]);

        using var old = model.ReplaceLayer("head", zero);

        Assert.Equal(0, model.forward(input).abs().max().item<float>());
        var handles = model.parameters().Select(p => p.Handle).ToHashSet();
        Assert.All(zero.parameters(), p => Assert.Contains(p.Handle, handles));
        Assert.All(old.parameters(), p => Assert.DoesNotContain(p.Handle, handles));
        Assert.Equal(count, handles.Count);
        Assert.Equal(zero.parameters().First().Handle, model.state_dict()["head.weight"].Handle);
    }

    [Fact]
    public void A_block_whose_two_output_layers_are_zero_is_the_identity()
    {
        _ = TorchFixture.Cpu;
        manual_seed(2);
        using var scope = NewDisposeScope();
        using var block = new TransformerBlock(16, 4);
        var x = randn(2, 5, 16);
        Assert.False(block.forward(x).allclose(x));

        block.ReplaceLayer("projection", ZeroLinear(block.Layers[1])).Dispose();
        block.ReplaceLayer("contract", ZeroLinear(block.Layers[3])).Dispose();

        Assert.True(block.forward(x).eq(x).all().item<bool>(), "x + 0 + 0 must be x");
    }

    [Fact]
    public void The_replacement_trains_and_moves_with_the_model()
    {
        _ = TorchFixture.Cpu;
        manual_seed(3);
        using var scope = NewDisposeScope();
        using var model = new Mlp(inputs: 6, hidden: 5, layers: 1, classes: 3);
        var replacement = nn.Linear(5, 3);
        model.ReplaceLayer("layers.1", replacement).Dispose();

        model.forward(randn(4, 6)).square().sum().backward();
        Assert.NotNull(replacement.weight!.grad);

        model.to(ScalarType.Float64);
        Assert.Equal(ScalarType.Float64, replacement.weight!.dtype);
        Assert.Equal(ScalarType.Float64, model.forward(randn(4, 6, dtype: ScalarType.Float64)).dtype);
        var state = model.state_dict();
        Assert.Equal(["layers.0.weight", "layers.0.bias", "layers.1.weight", "layers.1.bias"], state.Keys);
        Assert.Equal(replacement.weight!.Handle, state["layers.1.weight"].Handle);
    }

    [Fact]
    public void A_replacement_is_moved_to_the_layers_dtype_and_mode()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var model = new Mlp(inputs: 6, hidden: 5, layers: 1, classes: 3);
        model.to(ScalarType.Float64);
        model.eval();
        var replacement = nn.Linear(6, 5);
        model.ReplaceLayer("layers.0", replacement).Dispose();
        Assert.Equal(ScalarType.Float64, replacement.weight!.dtype);
        Assert.False(replacement.training);
    }

    [Fact]
    public void A_wrong_shape_or_an_unknown_name_is_refused_and_leaves_the_model_as_it_was()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var model = new SmallResNet([8, 16, 16], 10);
        var names = model.named_parameters().Select(p => p.name).ToList();

        using var wide = nn.Conv2d(8, 32, 3, padding: 1);
        var shape = Assert.Throws<ArgumentException>(() => model.ReplaceLayer("stages.0.residual1", wide));
        Assert.Contains("stages.0.residual1", shape.Message);
        using var unpadded = nn.Conv2d(8, 8, 3);
        Assert.Throws<ArgumentException>(() => model.ReplaceLayer("stages.0.residual1", unpadded));
        using var linear = nn.Linear(16, 10);
        var unknown = Assert.Throws<ArgumentException>(() => model.ReplaceLayer("fc", linear));
        Assert.Contains("stages.0.conv", unknown.Message);

        Assert.Equal(names, model.named_parameters().Select(p => p.name));
    }

    [Fact]
    public void Transe_refuses_a_translation_with_tables_of_its_own_since_evaluation_ranks_with_its_tables()
    {
        _ = TorchFixture.Cpu;
        using var scope = NewDisposeScope();
        using var model = new TransE(entityCount: 6, relationCount: 3, dimensions: 4, norm: 1);
        using var other = new Translation(6, 3, 4);
        var names = model.named_parameters().Select(p => p.name).ToList();

        var error = Assert.Throws<ArgumentException>(() => model.ReplaceLayer("translation", other));

        Assert.Contains("own tables", error.Message);
        Assert.Equal(names, model.named_parameters().Select(p => p.name));
        var slot = Assert.Single(model.Layers);
        Assert.Equal((LayerKind.EmbeddingBag, LayerRole.Embedding, 9, 4, 3, 2.0),
            (slot.Kind, slot.Role, slot.Inputs, slot.Outputs, slot.KernelSize, slot.PositionsPerExample));
    }
}
