namespace Bench.Harness.Provenance;

/// <summary>
/// Where a trial ran: the host, and on a Slurm cluster the array job and task. Recorded in every row beside the
/// machine fingerprint, so rows from different nodes of a cluster can be told apart.
/// </summary>
public sealed record TrialPlacement(string Node, string JobId, string ArrayIndex)
{
    /// <summary>
    /// This process's placement: Slurm sets <c>SLURMD_NODENAME</c>, <c>SLURM_ARRAY_JOB_ID</c> and
    /// <c>SLURM_ARRAY_TASK_ID</c> in an array task's environment (<c>SLURM_JOB_ID</c> for a plain job); elsewhere the
    /// node is the host's name and the job fields are empty.
    /// </summary>
    public static TrialPlacement Current()
    {
        static string Read(string name) => Environment.GetEnvironmentVariable(name)?.Trim() ?? "";
        var node = Read("SLURMD_NODENAME");
        var job = Read("SLURM_ARRAY_JOB_ID");
        if (job.Length == 0) job = Read("SLURM_JOB_ID");
        return new TrialPlacement(node.Length > 0 ? node : Environment.MachineName, job, Read("SLURM_ARRAY_TASK_ID"));
    }
}
