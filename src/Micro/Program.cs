using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Csv;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Running;

// `dotnet cake --target=Micro` runs this with --filter, --job short and --artifacts results/micro.
var config = DefaultConfig.Instance
    .AddDiagnoser(MemoryDiagnoser.Default)
    .AddExporter(CsvExporter.Default, MarkdownExporter.GitHub, JsonExporter.Full);
BenchmarkSwitcher.FromAssembly(typeof(Bench.Micro.NativeLoadHook).Assembly).Run(args, config);
