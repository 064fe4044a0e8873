using System.ComponentModel.DataAnnotations;

namespace Bench.Submissions.AutoLrs;

/// <summary>
/// Hyperparameters of AutoLRS: stages in the budget, rates tried per stage, probe length divisor, and the search range below and above the baseline's peak.
/// </summary>
public sealed record AutoLrsHyperparameters(
    [property: Range(1, 1000)] int Stages = AutoLrsSubmission.Stages,
    [property: Range(1, 100)] int Candidates = AutoLrsSubmission.Candidates,
    [property: Range(2, 1000)] int ProbeDivisor = AutoLrsSubmission.ProbeDivisor,
    [property: Range(1, 1e6)] double Below = AutoLrsSubmission.Below,
    [property: Range(1, 1e6)] double Above = AutoLrsSubmission.Above);
