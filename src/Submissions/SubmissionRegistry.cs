using Bench.Contracts;
using Bench.Submissions.Airbench;
using Bench.Submissions.AutoLrs;
using Bench.Submissions.Baseline;
using Bench.Submissions.BeyondUrlsMetadata;
using Bench.Submissions.BiMask;
using Bench.Submissions.ConvexLrSchedules;
using Bench.Submissions.Cuttlefish;
using Bench.Submissions.DisciplinedHparams;
using Bench.Submissions.EfficientNetV2;
using Bench.Submissions.ExpertChoiceMoe;
using Bench.Submissions.FastText;
using Bench.Submissions.Ffcv;
using Bench.Submissions.Flip;
using Bench.Submissions.GrowLength;
using Bench.Submissions.IncrementalLayerTraining;
using Bench.Submissions.InfiniteComputePretraining;
using Bench.Submissions.Lars;
using Bench.Submissions.Lawa;
using Bench.Submissions.Lcsc;
using Bench.Submissions.LossCurvatureInstability;
using Bench.Submissions.LowRankTrainingExplored;
using Bench.Submissions.MarsM;
using Bench.Submissions.MaskedStructuralGrowth;
using Bench.Submissions.Meco;
using Bench.Submissions.Multigrid;
using Bench.Submissions.MultistageDataFiltering;
using Bench.Submissions.Nino;
using Bench.Submissions.OneEpoch;
using Bench.Submissions.RandomLtd;
using Bench.Submissions.ScalingNmt;
using Bench.Submissions.SniperTraining;
using Bench.Submissions.SparseImagenetTransfer;
using Bench.Submissions.SparseProp;
using Bench.Submissions.SparseTransX;
using Bench.Submissions.Srigl;
using Bench.Submissions.SuperConvergence;
using Bench.Submissions.Transformer24Sparsity;

namespace Bench.Submissions;

/// <summary>Every submission the suite knows. An explicit list: adding a paper is one line here.</summary>
public static class SubmissionRegistry
{
    /// <summary>The baseline's id; every comparison is against it.</summary>
    public const string BaselineId = "baseline";

    /// <summary>All submissions, baseline first.</summary>
    public static IReadOnlyList<ISubmission> All { get; } =
    [
        new BaselineSubmission(),
        new SuperConvergenceSubmission(),
        new DisciplinedHparamsSubmission(),
        new LarsSubmission(),
        new LawaSubmission(),
        new WsdSubmission(),
        new MuonSubmission(mars: false),
        new MuonSubmission(mars: true),
        new HighLearningRateSubmission(warmup: true),
        new HighLearningRateSubmission(warmup: false),
        new NinoSubmission(),
        new FastTextSubmission(),
        new ScalingNmtSubmission(),
        new LcscSubmission(),
        new AutoLrsSubmission(),
        new AirbenchSubmission(),
        new OneEpochSubmission(control: false),
        new OneEpochSubmission(control: true),
        new InfiniteComputeSubmission(control: false),
        new InfiniteComputeSubmission(control: true),
        new LowRankSubmission(),
        new TwoFourSubmission(),
        new BiMaskSubmission(transposable: false),
        new BiMaskSubmission(transposable: true),
        new CuttlefishSubmission(),
        new SparseTransXSubmission(),
        new SriglSubmission(),
        new RandomLtdSubmission(),
        new SparsePropSubmission(control: false),
        new SparsePropSubmission(control: true),
        new SniperSubmission(constant: false),
        new SniperSubmission(constant: true),
        new MixtureOfExpertsSubmission(MoeRouting.ExpertChoice),
        new MixtureOfExpertsSubmission(MoeRouting.TokenChoiceTop1),
        new FlipSubmission(),
        new FfcvSubmission(),
        new FfcvNaiveLoaderSubmission(),
        new MultigridSubmission(),
        new EfficientNetV2Submission(),
        new IncrementalLayerTrainingSubmission(),
        new MaskedStructuralGrowthSubmission(),
        new GmpSubmission(),
        new GrowLengthSubmission(),
        new MultistageDataFilteringSubmission(),
        new MecoSubmission(),
        new BeyondUrlsMetadataSubmission(),
    ];

    /// <summary>
    /// Submissions whose paper measures them against a control of its own (a data-limited or regularised arm) rather
    /// than against a tuned baseline: submission id to control id. Comparisons print both.
    /// </summary>
    public static IReadOnlyDictionary<string, string> PaperControls { get; } = new Dictionary<string, string>
    {
        ["one-epoch"] = "many-epochs-subset",
        ["heavy-weight-decay"] = "data-limited",
        ["bi-mask"] = "nm-transposable",
        ["sparseprop"] = "sparseprop-dense",
        ["sniper-training"] = "sniper-constant",
        ["expert-choice-moe"] = "switch-top1",
        ["ffcv"] = "ffcv-naive-loader",
    };

    /// <summary>The submission with id (or paper id) <paramref name="id"/>; a clear error listing valid ids otherwise.</summary>
    public static ISubmission Get(string id) =>
        All.FirstOrDefault(s => s.Id == id) ?? All.FirstOrDefault(s => s.PaperId == id)
        ?? throw new ConfigException($"unknown submission '{id}'. Valid submissions: {string.Join(", ", All.Select(s => s.Id))}.");
}
