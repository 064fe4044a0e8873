using System.ComponentModel.DataAnnotations;

namespace Bench.Submissions.FastText;

/// <summary>Hyperparameters of fastText: embedding dimension, hash buckets for bigrams, per-example SGD rate.</summary>
public sealed record FastTextHyperparameters(
    [property: Range(1, 4096)] int Dimensions = FastTextSubmission.Dimensions,
    [property: Range(1, 1L << 30)] long Buckets = FastTextSubmission.Buckets,
    [property: Range(1e-6, 100)] double ExampleRate = FastTextSubmission.ExampleRate);
