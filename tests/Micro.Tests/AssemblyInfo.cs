// Tests share libtorch's global RNG and the process-wide live-tensor count: run them one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
