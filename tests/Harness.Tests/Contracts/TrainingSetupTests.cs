using System.Reflection;
using Bench.Contracts;

namespace Bench.Harness.Tests.Contracts;

/// <summary>Every method gets the workload's data access: no submission has to guard against its absence.</summary>
public class TrainingSetupTests
{
    [Fact]
    public void The_data_access_is_a_required_non_null_parameter()
    {
        var data = typeof(TrainingSetup).GetConstructors().Single().GetParameters().Single(p => p.Name == nameof(TrainingSetup.Data));

        Assert.False(data.HasDefaultValue, "TrainingSetup.Data must be given, not defaulted");
        Assert.Equal(NullabilityState.NotNull, new NullabilityInfoContext().Create(data).WriteState);
        Assert.Equal(NullabilityState.NotNull, new NullabilityInfoContext().Create(typeof(TrainingSetup).GetProperty(nameof(TrainingSetup.Data))!).ReadState);
    }
}
