using Bench.Submissions.FastText;
using Bench.Tests.Shared;
using TorchSharp;

namespace Bench.Submissions.Tests.FastText;

public class FastTextModelTests
{
    [Fact]
    public void Bigram_buckets_follow_fastTexts_hash()
    {
        _ = TorchFixture.Cpu;
        using var scope = torch.NewDisposeScope();
        var buckets = FastTextModel.BigramBuckets(torch.tensor(new long[] { 3, 0 }), torch.tensor(new long[] { 5, 7 }), 1000);
        // (3 * 116049371 + 5) mod 1000 = 348148118 mod 1000 = 118; (0 * m + 7) mod 1000 = 7
        Assert.Equal(new long[] { 118, 7 }, buckets.data<long>().ToArray());
    }

    [Fact]
    public void Padding_does_not_change_the_logits()
    {
        _ = TorchFixture.Cpu;
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(1);
        using var model = new FastTextModel(vocabulary: 20, padding: 0, classes: 2, dimensions: 4, buckets: 64);
        using (torch.no_grad()) model.parameters().Last().add_(0.3); // output bias: make logits non-trivial
        using (torch.no_grad()) model.parameters().ToArray()[2].normal_(); // output weights (zero at init)
        var short_ = model.forward(torch.tensor(new long[] { 4, 9, 2 }).unsqueeze(0));
        var padded = model.forward(torch.tensor(new long[] { 4, 9, 2, 0, 0 }).unsqueeze(0));
        Assert.True(short_.allclose(padded, atol: 1e-6));
    }

    [Fact]
    public void One_sgd_step_lowers_the_loss_and_moves_every_parameter()
    {
        _ = TorchFixture.Cpu;
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(1);
        using var model = new FastTextModel(vocabulary: 20, padding: 0, classes: 2, dimensions: 4, buckets: 64);
        var tokens = torch.tensor(new long[,] { { 4, 9, 2, 0 }, { 5, 6, 0, 0 } });
        var labels = torch.tensor(new long[] { 0, 1 });
        var optimizer = torch.optim.SGD(model.parameters(), 0.5);
        var before = model.parameters().Select(p => p.detach().clone()).ToList();
        var losses = new List<float>();
        for (var i = 0; i < 3; i++)
        {
            optimizer.zero_grad();
            var loss = torch.nn.functional.cross_entropy(model.forward(tokens), labels);
            loss.backward();
            optimizer.step();
            losses.Add(loss.item<float>());
        }
        Assert.True(losses[^1] < losses[0], string.Join(", ", losses));
        Assert.All(model.parameters().Zip(before), pair => Assert.False(pair.First.equal(pair.Second).all().item<bool>()));
    }
}
