using Bench.Repro.Cli;

namespace Bench.Repro.Tests.Cli;

/// <summary>
/// Issue 13: a fuzz of the command line. Starting from a valid command of every verb, each vector changes
/// one thing (one option's value, an unknown or repeated option, a stray positional) and runs in-process
/// through <see cref="CommandLine.Run"/>. Whatever the input: no exception escapes, the exit code is 0 or 2,
/// no stack trace is printed, and a rejected vector prints exactly one 'error:' line. Verbs that train carry
/// --dry-run (never varied), so nothing trains; relative paths land in a temporary checkout (BENCH_ROOT).
/// </summary>
public sealed class CliFuzzTests : IDisposable
{
    readonly string root = Directory.CreateTempSubdirectory("bench-fuzz-").FullName;
    readonly string? savedRoot = Environment.GetEnvironmentVariable("BENCH_ROOT");

    public CliFuzzTests()
    {
        File.WriteAllText(Path.Combine(root, "Bench.sln"), "");
        Environment.SetEnvironmentVariable("BENCH_ROOT", root);
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("BENCH_ROOT", savedRoot);
        Directory.Delete(root, recursive: true);
    }

    /// <summary>A valid command per verb (and per mode of a verb), each quick and training nothing.</summary>
    static readonly string[][] Bases =
    [
        ["list"],
        ["list", "workloads", "--format", "csv"],
        ["list", "submissions"],
        ["show", "lars"],
        ["run", "baseline", "--dry-run", "--scale", "smoke", "--workload", "modadd"],
        ["speedrun", "--dry-run", "--scale", "smoke"],
        ["gate", "--dry-run", "--workloads", "modadd"],
        ["tune", "baseline", "--dry-run", "--workload", "modadd", "--scale", "smoke", "--points", "2"],
        ["gate", "--timing", "--dry-run"],
        ["trial", "--dry-run", "--workload", "modadd", "--submission", "baseline", "--scale", "smoke", "--seed", "0"],
        ["publish", "--results", "fuzz-results", "--published", "fuzz-published"],
        ["repair", "--results", "fuzz-repair"],
        ["noise", "--dry-run", "--workloads", "modadd", "--scale", "smoke", "--seeds", "2"],
        ["calibrate", "--dry-run", "--workload", "kg-transe", "--scale", "smoke", "--seeds", "2"],
        ["transfer", "--dry-run", "--scale", "smoke", "--seeds", "1"],
    ];

    static readonly string[] Values =
    [
        "", " ", "-1", "0", "1", "abc", "1e308", "-1e308", "NaN", "inf", "2147483647", "2147483648", "-2147483649", "0x10", "1,5", "true",
        "all", "smoke", "modadd", "cuda", "cuda:7", "@file", "[red]", "a=b", "\t", "é", new string('x', 300), new string('9', 5000),
    ];

    static readonly string[] Strays = ["stray", "1e308", "-", "-x", "--", "--bogus", "--seeds=", "--=", "-h1", "---", "--workloadz"];

    /// <summary>Every vector with whether it must be rejected (known-bad) or may go either way.</summary>
    public static IEnumerable<(string[] Args, bool MustFail)> Vectors()
    {
        foreach (var b in Bases)
        {
            var command = CommandLine.Commands.Single(c => c.Name == b[0]);
            foreach (var option in command.Options.Where(o => o.Name != "dry-run"))
            {
                var name = "--" + option.Name;
                foreach (var value in Values.Concat(option.IsFlag ? ["false", "yes"] : []))
                {
                    yield return (Set(b, name, value), false);
                    if (option.IsFlag) yield return (Set(b, name, null), false);
                }
                // Repeated options are an error, even with the same value.
                yield return ([.. Set(b, name, option.IsFlag ? null : "1"), name, .. option.IsFlag ? Array.Empty<string>() : ["1"]], true);
                // A valued option without its value, last or before another option.
                if (!option.IsFlag)
                {
                    yield return ([.. b.Where((_, i) => !IsValueOf(b, i, name)).Where(a => a != name), name], true);
                    // ... unless its value is other options (--sbatch-args '--qos=short').
                    yield return ([.. b.Where((_, i) => !IsValueOf(b, i, name)).Where(a => a != name), name, "--help-me"], !option.ValueMayBeOptions);
                }
            }
            foreach (var stray in Strays) yield return ([.. b, stray, "extra"], true);
            yield return ([.. b, "--no-such-option", "1"], true);
            yield return ([.. b, "--Seeds", "1"], true);
        }
        foreach (var verb in new[] { "", "nosuch", "speedrn", "LIST", "-", "--", "--version", "help", new string('v', 2000) })
            yield return ([verb], verb is not ("help" or "--"));
    }

    /// <summary><paramref name="b"/> with option <paramref name="name"/> set to <paramref name="value"/> (a flag alone when null).</summary>
    static string[] Set(string[] b, string name, string? value)
    {
        var kept = b.Where((a, i) => a != name && !IsValueOf(b, i, name)).ToList();
        kept.Add(name);
        if (value is not null) kept.Add(value);
        return [.. kept];
    }

    static bool IsValueOf(string[] b, int i, string name) => i > 0 && b[i - 1] == name && !b[i].StartsWith("--", StringComparison.Ordinal);

    [Fact]
    public void At_least_500_vectors_cover_every_verb_and_option()
    {
        var vectors = Vectors().ToList();
        Assert.True(vectors.Count >= 500, $"{vectors.Count} vectors");
        Assert.All(CommandLine.Commands, c => Assert.Contains(vectors, v => v.Args.Length > 0 && v.Args[0] == c.Name));
        Assert.All(CommandLine.Commands.SelectMany(c => c.Options.Where(o => o.Name != "dry-run").Select(o => (c.Name, o.Name))),
            p => Assert.Contains(vectors, v => v.Args[0] == p.Item1 && v.Args.Contains("--" + p.Item2)));
    }

    [Fact]
    public void No_vector_throws_prints_a_stack_trace_or_exits_other_than_0_or_2()
    {
        var failures = new List<string>();
        foreach (var (args, mustFail) in Vectors())
        {
            var shown = string.Join(" ", args.Select(a => a.Length > 40 ? a[..20] + $"...({a.Length} chars)" : $"'{a}'"));
            int code;
            string output;
            try
            {
                (code, output) = ReproRunner.Run(args);
            }
            catch (Exception e)
            {
                failures.Add($"{shown}: threw {e.GetType().Name}: {e.Message}");
                continue;
            }
            var errorLines = output.Split('\n').Count(l => l.StartsWith("error:", StringComparison.Ordinal));
            if (code is not (0 or 2)) failures.Add($"{shown}: exit {code}: {output.Trim()}");
            else if (output.Contains("   at ", StringComparison.Ordinal) || output.Contains("Exception", StringComparison.Ordinal))
                failures.Add($"{shown}: stack trace or exception text: {output.Trim()}");
            else if (code == 2 && errorLines != 1) failures.Add($"{shown}: exit 2 with {errorLines} 'error:' lines: {output.Trim()}");
            // Input is checked before anything is printed (only a bare 'repro' prints the command list first).
            else if (code == 2 && args is not ["--"] && output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length != 1)
                failures.Add($"{shown}: output before the error: {output.Trim()}");
            else if (code == 0 && errorLines != 0) failures.Add($"{shown}: exit 0 with an 'error:' line: {output.Trim()}");
            else if (mustFail && code != 2) failures.Add($"{shown}: accepted, but it must be rejected: {output.Trim()}");
        }
        Assert.True(failures.Count == 0, $"{failures.Count} failing vectors:\n" + string.Join("\n", failures.Take(40)));
        // Nothing trained: no trial manifest anywhere under the temporary checkout.
        Assert.Empty(Directory.EnumerateFiles(root, "seed-*.json", SearchOption.AllDirectories));
    }
}
