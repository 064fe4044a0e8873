using System.Reflection;
using Bench.Tests.Shared;
using BenchmarkDotNet.Attributes;
using TorchSharp;

namespace Bench.Micro.Tests;

/// <summary>Every paper benchmark runs at its first (smallest) size, and repeated invocations do not leak tensors.</summary>
public class BenchmarkSmokeTests
{
    public static TheoryData<string> PaperBenchmarks => new(typeof(PapersAttribute).Assembly.GetTypes()
        .Where(t => t.GetCustomAttribute<PapersAttribute>() is not null)
        .Select(t => t.FullName!)
        .Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(PaperBenchmarks))]
    public void RunsWithoutLeakingTensors(string className)
    {
        _ = TorchFixture.Cpu;
        var type = typeof(PapersAttribute).Assembly.GetType(className)!;
        var instance = Activator.CreateInstance(type)!;
        foreach (var property in type.GetProperties())
        {
            if (property.GetCustomAttribute<ParamsSourceAttribute>() is { } source)
                property.SetValue(instance, ((System.Collections.IEnumerable)type.GetProperty(source.Name)!.GetValue(null)!).Cast<object>().First());
            else if (property.GetCustomAttribute<ParamsAttribute>() is { } values)
                property.SetValue(instance, values.Values[0]);
        }
        Invoke<GlobalSetupAttribute>(type, instance);
        try
        {
            foreach (var method in type.GetMethods().Where(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null))
            {
                method.Invoke(instance, null); // the first call may create lasting state (gradients)
                var live = torch.Tensor.TotalCount;
                method.Invoke(instance, null);
                Assert.True(torch.Tensor.TotalCount <= live, $"{method.Name}: live tensors grew from {live} to {torch.Tensor.TotalCount}");
            }
        }
        finally
        {
            Invoke<GlobalCleanupAttribute>(type, instance);
        }
    }

    static void Invoke<TAttribute>(Type type, object instance) where TAttribute : Attribute
    {
        foreach (var method in type.GetMethods().Where(m => m.GetCustomAttribute<TAttribute>() is not null)) method.Invoke(instance, null);
    }
}
