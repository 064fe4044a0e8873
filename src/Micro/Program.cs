using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Running;

// `dotnet cake --target=Micro` runs this with --filter, --job short and --artifacts results/micro.
// The default config already exports CSV, GitHub Markdown and HTML; JSON is added for scripts.
var config = DefaultConfig.Instance
    .AddDiagnoser(MemoryDiagnoser.Default)
    .AddExporter(JsonExporter.Full);
BenchmarkSwitcher.FromAssembly(typeof(Bench.Micro.NativeLoadHook).Assembly).Run(args, config);
