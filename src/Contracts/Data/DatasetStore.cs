using System.Security.Cryptography;

namespace Bench.Contracts.Data;

/// <summary>
/// Finds a dataset under the data root and checks every file's SHA-256. A corrupt or truncated file
/// is an error naming the file, the expected and the actual checksum. Missing files are downloaded
/// from their canonical URL (with progress and checksum) when downloads are allowed and the network
/// answers; otherwise the error says which files to put where.
/// </summary>
public static class DatasetStore
{
    /// <summary>The per-user data root when none is configured: <c>$XDG_CACHE_HOME/bench/data</c> or <c>~/.cache/bench/data</c>.</summary>
    public static string DefaultRoot
    {
        get
        {
            var cache = System.Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            if (string.IsNullOrWhiteSpace(cache))
                cache = Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".cache");
            return Path.Combine(cache, "bench", "data");
        }
    }

    /// <summary>Returns the folder of the first layout of <paramref name="spec"/> whose files are all present and valid.</summary>
    public static string Locate(DatasetSpec spec, string dataRoot, bool allowDownload, IProgress<string>? progress = null)
    {
        var layouts = new[] { spec }.Concat(spec.Alternatives).ToList();
        foreach (var layout in layouts)
        {
            var folder = Path.Combine(dataRoot, layout.Folder);
            if (layout.Files.All(f => File.Exists(Path.Combine(folder, f.Path))))
            {
                foreach (var file in layout.Files) Verify(layout, folder, file);
                return folder;
            }
        }

        var primary = Path.Combine(dataRoot, spec.Folder);
        var missing = spec.Files.Where(f => !File.Exists(Path.Combine(primary, f.Path))).ToList();
        if (allowDownload && missing.All(f => f.Url is not null))
        {
            // Without a caller's display, progress goes to stderr: a trial process's stdout is its protocol.
            progress ??= new Progress<string>(line => Console.Error.WriteLine($"downloading {line}"));
            foreach (var file in missing) Download(spec, primary, file, progress);
            foreach (var file in spec.Files) Verify(spec, primary, file);
            return primary;
        }
        throw new ConfigException(
            $"dataset '{spec.Name}' is missing under {primary}: {string.Join(", ", missing.Select(f => f.Path))}. " +
            $"Put the files there (source: {spec.Source})" +
            (spec.Alternatives.Count > 0 ? ", or use another layout: " +
                $"{string.Join("; ", spec.Alternatives.Select(a => $"{a.Folder}/{{{string.Join(",", a.Files.Select(f => f.Path))}}}"))}" : "") +
            $", or point --data / BENCH_DATA at a folder that has them{(allowDownload ? "" : "; downloads are off (BENCH_DOWNLOAD=false)")}.");
    }

    /// <summary>Throws when <paramref name="file"/>'s checksum is not the expected one.</summary>
    public static void Verify(DatasetSpec spec, string folder, DatasetFile file)
    {
        var path = Path.Combine(folder, file.Path);
        var (algorithm, expected) = file.Checksum;
        var actual = Digest(path, algorithm);
        if (!actual.Equals(expected, StringComparison.OrdinalIgnoreCase))
            throw new ConfigException(
                $"dataset '{spec.Name}': {path} is corrupt or truncated: {algorithm} {actual}, expected {expected}. " +
                $"Replace it with the original file (source: {spec.Source}).");
    }

    /// <summary>Lower-case hex digest of a file with SHA-256 or MD5.</summary>
    public static string Digest(string path, string algorithm = "SHA-256")
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(algorithm == "MD5" ? MD5.HashData(stream) : SHA256.HashData(stream));
    }

    static void Download(DatasetSpec spec, string folder, DatasetFile file, IProgress<string>? progress)
    {
        var target = Path.Combine(folder, file.Path);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temp = target + ".download";
        try
        {
            using var client = new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
            using var response = client.GetAsync(file.Url, HttpCompletionOption.ResponseHeadersRead).GetAwaiter().GetResult();
            response.EnsureSuccessStatusCode();
            var total = response.Content.Headers.ContentLength;
            using (var source = response.Content.ReadAsStream())
            using (var sink = File.Create(temp))
            {
                var buffer = new byte[1 << 16];
                long done = 0, lastReport = 0;
                int read;
                while ((read = source.Read(buffer)) > 0)
                {
                    sink.Write(buffer, 0, read);
                    done += read;
                    if (done - lastReport < (1 << 22)) continue;
                    lastReport = done;
                    progress?.Report(total is > 0 ? $"{file.Path}: {done * 100 / total}%" : $"{file.Path}: {done >> 20} MiB");
                }
            }
            var (algorithm, expected) = file.Checksum;
            var actual = Digest(temp, algorithm);
            if (!actual.Equals(expected, StringComparison.OrdinalIgnoreCase))
                throw new ConfigException($"dataset '{spec.Name}': the download of {file.Url} has {algorithm} {actual}, expected {expected}; the source " +
                    $"changed. Put the original file at {target}.");
            File.Move(temp, target, overwrite: true);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            throw new ConfigException(
                $"dataset '{spec.Name}': {file.Path} is missing and could not be downloaded from {file.Url} ({e.Message}). " +
                $"Put the file at {target} (source: {spec.Source}) or point --data / BENCH_DATA at a folder that has it.");
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
