using System.Globalization;
using System.Text.RegularExpressions;

namespace Bench.Harness.Orchestration;

/// <summary>
/// What Slurm says about some tasks of a job array: one line of <c>scontrol -o show job</c> or of a
/// <c>jobcomp/filetxt</c> file. A pending remainder of an array is one line for a range of tasks (<c>2-5%1</c>).
/// </summary>
public sealed partial record SlurmTaskState(IReadOnlySet<int> Tasks, string State, string Reason, string ExitCode, string Node)
{
    /// <summary>True when the tasks will not run (again): every state but pending, running, configuring, completing, suspended, requeued.</summary>
    public bool Ended =>
        State is not ("PENDING" or "RUNNING" or "CONFIGURING" or "COMPLETING" or "SUSPENDED" or "REQUEUED" or "REQUEUE_HOLD" or "RESIZING"
            or "STAGE_OUT" or "SIGNALING");

    /// <summary>The states of the job array <paramref name="jobId"/> among <paramref name="lines"/>; lines of other jobs are skipped.</summary>
    public static IReadOnlyList<SlurmTaskState> Parse(string jobId, IEnumerable<string> lines)
    {
        var states = new List<SlurmTaskState>();
        foreach (var line in lines)
        {
            var arrayJob = Field(line, "ArrayJobId");
            if (arrayJob != jobId && !(arrayJob.Length == 0 && Field(line, "JobId") == jobId)) continue;
            var node = Field(line, "NodeList");
            states.Add(new SlurmTaskState(Indices(Field(line, "ArrayTaskId")), Field(line, "JobState"), Field(line, "Reason"), Field(line, "ExitCode"),
                node is "(null)" or "None assigned" ? "" : node));
        }
        return states;
    }

    /// <summary>The task ids of <c>ArrayTaskId</c>: <c>3</c>, <c>2-5%1</c>, <c>1,3,7-9</c>; empty when it is missing (a whole-array line).</summary>
    public static IReadOnlySet<int> Indices(string text)
    {
        var set = new HashSet<int>();
        var percent = text.IndexOf('%');
        if (percent >= 0) text = text[..percent];
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var dash = part.IndexOf('-');
            // A step ("0-9:2") is not used by the executor but read correctly.
            var colon = part.IndexOf(':');
            var step = colon > 0 && int.TryParse(part[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 1;
            var range = colon > 0 ? part[..colon] : part;
            if (dash > 0 && int.TryParse(range[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var from)
                && int.TryParse(range[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var to))
                for (var i = from; i <= to; i += step) set.Add(i);
            else if (int.TryParse(range, NumberStyles.None, CultureInfo.InvariantCulture, out var one))
                set.Add(one);
        }
        return set;
    }

    /// <summary>The value of <c>Key=value</c> in a line of space-separated fields; empty when it is missing.</summary>
    static string Field(string line, string key)
    {
        foreach (Match m in FieldPattern().Matches(line))
            if (m.Groups[1].Value == key) return m.Groups[2].Value;
        return "";
    }

    [GeneratedRegex(@"(?:^|\s)([A-Za-z:]+)=(\S*)")]
    private static partial Regex FieldPattern();
}
