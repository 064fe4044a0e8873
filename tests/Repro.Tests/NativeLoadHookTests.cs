using System.Reflection;
using System.Runtime.CompilerServices;

namespace Bench.Repro.Tests;

/// <summary>
/// The native load fix must run before the first tensor of whichever assembly makes it, so every assembly that can
/// make tensors compiles in the one shared src/Contracts/Torch/NativeLoadHook.cs as a module initializer.
/// </summary>
public class NativeLoadHookTests
{
    static readonly IReadOnlyList<Assembly> WithTensors =
    [
        typeof(Bench.Contracts.IWorkload).Assembly,
        typeof(Bench.Harness.RepositoryRoot).Assembly,
        typeof(Bench.Workloads.WorkloadRegistry).Assembly,
        typeof(Bench.Submissions.SubmissionRegistry).Assembly,
        typeof(Bench.Repro.Cli.CommandLine).Assembly,
        typeof(NativeLoadHookTests).Assembly,
    ];

    public static TheoryData<string> Assemblies => [.. WithTensors.Select(a => a.GetName().Name!)];

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void Every_assembly_that_makes_tensors_has_the_hook_as_a_module_initializer(string name)
    {
        var assembly = WithTensors.Single(a => a.GetName().Name == name);
        var initializers = assembly.GetTypes()
            .Where(t => t.Name.EndsWith("NativeLoadHook", StringComparison.Ordinal))
            .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public))
            .Where(m => m.GetCustomAttribute<ModuleInitializerAttribute>() is not null)
            .ToList();
        Assert.Single(initializers);
    }
}
