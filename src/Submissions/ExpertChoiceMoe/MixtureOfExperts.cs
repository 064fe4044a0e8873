using Bench.Contracts;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Bench.Submissions.ExpertChoiceMoe;

/// <summary>
/// A mixture-of-experts feed-forward layer, <c>[..., width] -> [..., width]</c>: a linear router (no bias) scores every
/// token of the batch against E experts (softmax over experts), and each expert, a GELU network width -> hidden -> width,
/// runs on the tokens routed to it; a token's output is the sum of its experts' outputs, each weighted by the token's
/// router probability for that expert (zero if no expert ran on it: the block's residual carries it). Routing is
/// batch-level: every token of the input (all positions of all examples) competes for the same experts.
/// <list type="bullet">
/// <item><see cref="MoeRouting.ExpertChoice"/>: expert e takes its top-k tokens of S = softmax(X W_r), k = ⌈n·c/E⌉.</item>
/// <item><see cref="MoeRouting.TokenChoiceTop1"/>: token t goes to argmax S[t], each expert keeping the first
/// ⌈n·c/E⌉ of its tokens in batch order; while training, Switch's auxiliary loss α·E·Σ_e f_e·P_e is built for
/// <see cref="BackwardAuxiliaryLoss"/>.</item>
/// </list>
/// Reports its FLOPs per token (<see cref="ILayerFlops"/>): the router plus the expert passes actually run.
/// </summary>
public sealed class MixtureOfExperts : nn.Module<Tensor, Tensor>, ILayerFlops
{
    readonly Parameter router;       // [E, width]
    readonly Parameter expandWeight; // [E, width, hidden]
    readonly Parameter expandBias;   // [E, 1, hidden]
    readonly Parameter contractWeight; // [E, hidden, width]
    readonly Parameter contractBias;   // [E, 1, width]

    // Switch's auxiliary loss of the last training forward with gradients, until BackwardAuxiliaryLoss uses it.
    Tensor? pendingAuxiliary;

    /// <summary>
    /// A layer of <paramref name="experts"/> experts of hidden width <paramref name="hidden"/> on tokens of
    /// <paramref name="width"/> features, initialised like <c>nn.Linear</c> (uniform ±1/√fan-in, weights and biases).
    /// </summary>
    public MixtureOfExperts(int width, int hidden, int experts, MoeRouting routing, double capacityFactor, double auxiliaryWeight = 0)
        : base(nameof(MixtureOfExperts))
    {
        if (experts < 1) throw new ArgumentOutOfRangeException(nameof(experts), experts, "a mixture needs at least one expert");
        if (!(capacityFactor > 0)) throw new ArgumentOutOfRangeException(nameof(capacityFactor), capacityFactor, "the capacity factor must be positive");
        (Width, Hidden, Experts, Routing, CapacityFactor, AuxiliaryWeight) = (width, hidden, experts, routing, capacityFactor, auxiliaryWeight);
        router = new Parameter(Uniform([experts, width], width));
        expandWeight = new Parameter(Uniform([experts, width, hidden], width));
        expandBias = new Parameter(Uniform([experts, 1, hidden], width));
        contractWeight = new Parameter(Uniform([experts, hidden, width], hidden));
        contractBias = new Parameter(Uniform([experts, 1, width], hidden));
        RegisterComponents();
    }

    public int Width { get; }

    public int Hidden { get; }

    public int Experts { get; }

    public MoeRouting Routing { get; }

    public double CapacityFactor { get; }

    /// <summary>Switch's α (token choice only; 0 turns the auxiliary loss off).</summary>
    public double AuxiliaryWeight { get; }

    /// <summary>The router's weight W_r [E, width] (scores X W_rᵀ).</summary>
    public Parameter Router => router;

    /// <summary>The experts' first layers [E, width, hidden] (x·W), biases [E, 1, hidden].</summary>
    public (Parameter Weight, Parameter Bias) Expand => (expandWeight, expandBias);

    /// <summary>The experts' second layers [E, hidden, width], biases [E, 1, width].</summary>
    public (Parameter Weight, Parameter Bias) Contract => (contractWeight, contractBias);

    /// <summary>
    /// Expert passes per token in the last training forward with gradients (expert choice: E·k/n; token choice: the kept
    /// share); NaN before any. Probes under <c>no_grad</c> (the surgery's shape check) and evaluation leave it alone.
    /// </summary>
    public double ExpertPassesPerToken { get; private set; } = double.NaN;

    /// <summary>The auxiliary loss α·balance of the last training forward, until it is back-propagated (null when none).</summary>
    public Tensor? PendingAuxiliaryLoss => pendingAuxiliary;

    /// <summary>Tokens each expert takes from a batch of <paramref name="tokens"/>: ⌈n·c/E⌉, at least 1 and at most n.</summary>
    public static long Capacity(long tokens, double capacityFactor, int experts) =>
        Math.Clamp((long)Math.Ceiling(tokens * capacityFactor / experts - 1e-9), 1, tokens);

    /// <summary>
    /// Router 2·width·E, plus 4·width·hidden per expert pass: the passes per token of the last training forward, else the
    /// nominal ones (c for expert choice, one for top-1).
    /// </summary>
    public double ForwardFlopsPerPosition
    {
        get
        {
            var passes = double.IsNaN(ExpertPassesPerToken) ? (Routing == MoeRouting.ExpertChoice ? CapacityFactor : 1.0) : ExpertPassesPerToken;
            return 2.0 * Width * Experts + passes * 4.0 * Width * Hidden;
        }
    }

    /// <summary>Router probabilities S = softmax(X W_rᵀ) [n, E] of tokens <paramref name="tokens"/> [n, width].</summary>
    public Tensor Scores(Tensor tokens) => nn.functional.softmax(nn.functional.linear(tokens, router), 1);

    public override Tensor forward(Tensor x)
    {
        var shape = x.shape;
        var tokens = x.reshape(-1, Width);
        var scores = Scores(tokens);
        var output = Routing == MoeRouting.ExpertChoice ? ExpertChoice(tokens, scores) : TokenChoice(tokens, scores);
        return output.view(shape);
    }

    /// <summary>
    /// Back-propagates the pending auxiliary loss (token choice while training), adding its gradient to the router's; a
    /// no-op otherwise. Called after the harness's backward of the task loss, so the sum trains as task + α·balance.
    /// </summary>
    public void BackwardAuxiliaryLoss()
    {
        if (pendingAuxiliary is { } auxiliary && !auxiliary.IsInvalid && auxiliary.requires_grad) auxiliary.backward();
        pendingAuxiliary = null;
    }

    /// <summary>The expert networks on tokens already grouped by expert, [E, m, width] -> [E, m, width].</summary>
    Tensor RunExperts(Tensor grouped) =>
        nn.functional.gelu(grouped.bmm(expandWeight) + expandBias).bmm(contractWeight) + contractBias;

    /// <summary>
    /// Expert choice on scores S [n, E]: G, I = TopK(Sᵀ, k), each expert's k = <see cref="Capacity"/> highest-scoring
    /// tokens (indices I [E, k]) and their scores (gates G [E, k]).
    /// </summary>
    public static (Tensor Gates, Tensor Index) ExpertChoiceRoute(Tensor scores, double capacityFactor)
    {
        var (n, experts) = (scores.shape[0], (int)scores.shape[1]);
        return scores.t().topk((int)Capacity(n, capacityFactor, experts), dim: 1);
    }

    /// <summary>
    /// Switch's top-1 token choice on scores S [n, E]: each token's best expert and its score, and whether the token is
    /// kept: among the first <see cref="Capacity"/> tokens, in batch order, that chose that expert.
    /// </summary>
    public static (Tensor Gate, Tensor Choice, Tensor Kept) TokenChoiceRoute(Tensor scores, double capacityFactor)
    {
        var (n, experts) = (scores.shape[0], (int)scores.shape[1]);
        var (gate, choice) = scores.max(1);
        var onehot = nn.functional.one_hot(choice, experts);
        // A token's place in its expert's queue, in batch order.
        var place = (onehot.cumsum(0) * onehot).sum(1) - 1;
        return (gate, choice, place.lt(Capacity(n, capacityFactor, experts)));
    }

    Tensor ExpertChoice(Tensor tokens, Tensor scores)
    {
        var n = tokens.shape[0];
        var (gates, index) = ExpertChoiceRoute(scores, CapacityFactor);
        var k = index.shape[1];
        var flat = index.reshape(-1);
        var outputs = RunExperts(tokens.index_select(0, flat).view(Experts, k, Width)) * gates.unsqueeze(-1);
        if (training && is_grad_enabled()) ExpertPassesPerToken = (double)Experts * k / n;
        return zeros_like(tokens).index_add(0, flat, outputs.reshape(-1, Width), 1.0);
    }

    Tensor TokenChoice(Tensor tokens, Tensor scores)
    {
        var n = tokens.shape[0];
        var (gate, choice, kept) = TokenChoiceRoute(scores, CapacityFactor);
        var output = zeros_like(tokens);
        long keptCount = 0;
        for (var e = 0; e < Experts; e++)
        {
            var index = (choice.eq(e) & kept).nonzero().reshape(-1);
            var count = index.shape[0];
            if (count == 0) continue;
            keptCount += count;
            var result = RunExpert(tokens.index_select(0, index), e) * gate.index_select(0, index).unsqueeze(1);
            output = output.index_add(0, index, result, 1.0);
        }
        if (training && is_grad_enabled())
        {
            ExpertPassesPerToken = (double)keptCount / n;
            if (AuxiliaryWeight > 0) SetAuxiliary(tokens, choice);
        }
        return output;
    }

    /// <summary>Expert <paramref name="e"/>'s network on its tokens [m, width].</summary>
    Tensor RunExpert(Tensor mine, int e) =>
        nn.functional.gelu(mine.mm(expandWeight[e]) + expandBias[e]).mm(contractWeight[e]) + contractBias[e];

    /// <summary>
    /// Switch's load-balancing loss α·E·Σ_e f_e·P_e (f_e the share of tokens whose top expert is e, P_e the mean router
    /// probability of e), on router scores recomputed from the detached input: its graph holds only the router, so it can
    /// be back-propagated after the harness's backward has freed the task loss's graph.
    /// </summary>
    void SetAuxiliary(Tensor tokens, Tensor choice)
    {
        var share = nn.functional.one_hot(choice, Experts).to(tokens.dtype).mean([0]);
        var probability = Scores(tokens.detach()).mean([0]);
        pendingAuxiliary = Experts * (share * probability).sum() * AuxiliaryWeight;
    }

    static Tensor Uniform(long[] shape, int fanIn) => (rand(shape) * 2 - 1) / Math.Sqrt(fanIn);
}
