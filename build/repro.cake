// Running dotnet and the repro tool from Cake tasks, with arguments passed through.

/// Runs `dotnet <args>`; a non-zero exit fails the task with that code.
void Dotnet(params string[] arguments)
{
    var builder = new ProcessArgumentBuilder();
    foreach (var argument in arguments) builder.AppendQuoted(argument);
    var exitCode = StartProcess("dotnet", new ProcessSettings { Arguments = builder });
    if (exitCode != 0) throw new Exception($"dotnet {string.Join(" ", arguments)} exited with code {exitCode}");
}

/// Runs the freshly built repro tool with a verb and arguments.
void Repro(string configuration, string verb, IEnumerable<string> arguments) =>
    Dotnet(new[] { Paths.ReproDll(configuration), verb }.Concat(arguments).ToArray());

/// `--name=value` Cake arguments turned into `--name value` for repro; absent ones are left to repro's defaults.
IEnumerable<string> PassThrough(params string[] names)
{
    foreach (var name in names)
    {
        if (!HasArgument(name)) continue;
        yield return "--" + name;
        yield return Argument<string>(name);
    }
}

/// Arguments for the BenchmarkDotNet runner: --filter (default all), a short job and results/micro;
/// --update-reference rewrites results/micro/reference.csv from the latest reports after the run.
IEnumerable<string> MicroArguments()
{
    if (HasArgument("update-reference")) yield return "--update-reference";
    yield return "--filter";
    yield return Argument("filter", "*");
    yield return "--job";
    yield return Argument("job", "short");
    yield return "--artifacts";
    yield return "results/micro";
}
