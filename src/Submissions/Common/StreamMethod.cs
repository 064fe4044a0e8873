using Bench.Contracts;

namespace Bench.Submissions.Common;

/// <summary>
/// A method trained on part of the training split (a data-limited run, or one that holds data out for its own
/// search); every hook is the inner method's.
/// </summary>
public sealed class StreamMethod(TrainingMethod inner, TrainStream split) : MethodDecorator(inner)
{
    public override TrainStream TrainStream => split;
}
