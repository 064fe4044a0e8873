namespace Bench.Tests.Shared;

/// <summary>The data root tests read: BENCH_DATA (CI sets ../shared/data), else the shared folder beside the checkout.</summary>
public static class TestData
{
    public static string Root =>
        Environment.GetEnvironmentVariable("BENCH_DATA") is { Length: > 0 } root
            ? root
            : Path.Combine(Bench.Harness.RepositoryRoot.Find() ?? ".", "..", "shared", "data");
}
