namespace Bench.Tests.Shared;

/// <summary>Base for tests that need a fresh temporary folder, deleted after each test.</summary>
public abstract class TempFolderTests : IDisposable
{
    /// <summary>The test's own empty folder.</summary>
    protected string Folder { get; } = Directory.CreateTempSubdirectory("bench-test-").FullName;

    public void Dispose()
    {
        Directory.Delete(Folder, recursive: true);
        GC.SuppressFinalize(this);
    }
}
