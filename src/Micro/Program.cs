using Bench.Micro;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Running;

// `dotnet cake --target=Micro` runs this with --filter, --job short and --artifacts results/micro.
// The default config already exports CSV, GitHub Markdown and HTML; JSON is added for scripts and `repro show`.
// After the run, ratios are compared with results/micro/reference.csv (warnings only). --update-reference
// rewrites that file from the latest reports instead; without --filter it runs no benchmark first.
var updateReference = args.Contains(ReferenceCheck.UpdateFlag);
args = args.Where(a => a != ReferenceCheck.UpdateFlag).ToArray();
if (!updateReference || args.Contains("--filter"))
{
    var config = DefaultConfig.Instance
        .AddDiagnoser(MemoryDiagnoser.Default)
        .AddExporter(JsonExporter.Full);
    BenchmarkSwitcher.FromAssembly(typeof(ReferenceCheck).Assembly).Run(args, config);
}
ReferenceCheck.Run(ReferenceCheck.ArtifactsFolder(args), updateReference, Console.Out);
