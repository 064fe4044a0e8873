using Bench.Harness.Orchestration;

namespace Bench.Repro.Tests.Slurm;

/// <summary>Reading <c>scontrol -o show job</c> and jobcomp lines (as Slurm 22.05 prints them).</summary>
public sealed class SlurmTaskStateTests
{
    [Theory]
    [InlineData("3", new[] { 3 })]
    [InlineData("2-5%1", new[] { 2, 3, 4, 5 })]
    [InlineData("1,3,7-9", new[] { 1, 3, 7, 8, 9 })]
    [InlineData("0-6:3", new[] { 0, 3, 6 })]
    [InlineData("", new int[0])]
    public void Array_task_ids_are_read_with_ranges_throttles_and_steps(string text, int[] expected) =>
        Assert.Equal(expected, SlurmTaskState.Indices(text).Order());

    [Fact]
    public void Scontrol_lines_give_each_tasks_state_exit_code_and_node_and_skip_other_jobs()
    {
        string[] lines =
        [
            "JobId=3 ArrayJobId=3 ArrayTaskId=2-3%1 ArrayTaskThrottle=1 JobName=wrap JobState=PENDING Reason=JobArrayTaskLimit ExitCode=0:0 " +
                "ReqNodeList=(null) ExcNodeList=(null) NodeList=(null) BatchHost=",
            "JobId=5 ArrayJobId=3 ArrayTaskId=1 JobState=RUNNING Reason=None ExitCode=0:0 ReqNodeList=(null) NodeList=vm BatchHost=vm",
            "JobId=4 ArrayJobId=3 ArrayTaskId=0 JobState=CANCELLED Reason=None ExitCode=0:15 NodeList=vm",
            "JobId=9 ArrayJobId=9 ArrayTaskId=0 JobState=RUNNING Reason=None ExitCode=0:0 NodeList=vm",
        ];

        var states = SlurmTaskState.Parse("3", lines);

        Assert.Equal(3, states.Count);
        Assert.Equal(new[] { 2, 3 }, states[0].Tasks.Order());
        Assert.Equal(("PENDING", false, ""), (states[0].State, states[0].Ended, states[0].Node));
        Assert.Equal(("RUNNING", false, "vm"), (states[1].State, states[1].Ended, states[1].Node));
        Assert.Equal(("CANCELLED", true, "0:15"), (states[2].State, states[2].Ended, states[2].ExitCode));
    }
}
