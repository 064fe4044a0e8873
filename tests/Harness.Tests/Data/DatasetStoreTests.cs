using Bench.Contracts;
using Bench.Contracts.Data;
using Bench.Tests.Shared;

namespace Bench.Harness.Tests.Data;

public sealed class DatasetStoreTests : TempFolderTests
{

    // SHA-256 of the ASCII bytes "hello\n".
    const string HelloSha = "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03";

    static DatasetSpec Spec(params DatasetSpec[] alternatives) =>
        new("Greeting", "greeting", [new DatasetFile("a/hello.txt", HelloSha, Url: null)], "a test fixture") { Alternatives = alternatives };

    void Write(string relative, string text)
    {
        var path = Path.Combine(Folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    [Fact]
    public void A_valid_dataset_is_found()
    {
        Write("greeting/a/hello.txt", "hello\n");
        Assert.Equal(Path.Combine(Folder, "greeting"), DatasetStore.Locate(Spec(), Folder, allowDownload: false));
    }

    [Fact]
    public void A_truncated_file_names_the_file_and_both_checksums()
    {
        Write("greeting/a/hello.txt", "hell");
        var error = Assert.Throws<ConfigException>(() => DatasetStore.Locate(Spec(), Folder, allowDownload: false));
        Assert.Contains("hello.txt is corrupt or truncated", error.Message);
        Assert.Contains("expected " + HelloSha, error.Message);
    }

    [Fact]
    public void A_missing_file_says_what_to_put_where()
    {
        var error = Assert.Throws<ConfigException>(() => DatasetStore.Locate(Spec(), Folder, allowDownload: false));
        Assert.Contains($"dataset 'Greeting' is missing under {Path.Combine(Folder, "greeting")}: a/hello.txt", error.Message);
        Assert.Contains("BENCH_DATA", error.Message);
    }

    [Fact]
    public void A_missing_file_without_a_url_is_not_downloaded_even_when_downloads_are_on()
    {
        var error = Assert.Throws<ConfigException>(() => DatasetStore.Locate(Spec(), Folder, allowDownload: true));
        Assert.Contains("is missing", error.Message);
    }

    [Fact]
    public void An_alternative_layout_is_accepted()
    {
        Write("other/hello.txt", "hello\n");
        var alternative = new DatasetSpec("Greeting (flat)", "other", [new DatasetFile("hello.txt", HelloSha)], "flat copy");
        Assert.Equal(Path.Combine(Folder, "other"), DatasetStore.Locate(Spec(alternative), Folder, allowDownload: false));
    }
}
