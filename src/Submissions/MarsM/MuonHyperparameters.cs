using System.ComponentModel.DataAnnotations;

namespace Bench.Submissions.MarsM;

/// <summary>Hyperparameters of Muon (and of MARS-M, which adds Gamma; null for Muon): momentum and MARS-M's correction strength.</summary>
public sealed record MuonHyperparameters(
    [property: Range(0, 0.9999)] double Momentum = MuonSubmission.Beta,
    [property: Range(0, 10)] double? Gamma = null);
