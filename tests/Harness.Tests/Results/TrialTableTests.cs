using Bench.Contracts;
using Bench.Harness.Results;
using Bench.Harness.Training;
using Bench.Tests.Shared;

namespace Bench.Harness.Tests.Results;

/// <summary>A damaged trials.csv: one line naming file and line, the file kept aside byte for byte, and a repair.</summary>
public sealed class TrialTableTests : TempFolderTests
{
    static TrialRecord Row(int seed, TrialStatus status = TrialStatus.Reached, string machine = "abcd", int minute = 0) => new()
    {
        Workload = "w", Scale = "smoke", Submission = "s", Paper = "p", Seed = seed, Status = status, Metric = "accuracy", Target = 0.9,
        TimeToTargetSeconds = status == TrialStatus.Reached ? 1.25 : double.PositiveInfinity, Steps = 10, MachineId = machine,
        Cpu = "cpu \"quoted\"", StartedUtc = new DateTime(2026, 11, 29, 6, minute, 0, DateTimeKind.Utc),
        Error = status == TrialStatus.Crashed ? "exit 134\nUnhandled exception. System.Exception: boom" : "",
    };

    public static TheoryData<string, int> Damages => DamagedTable.Kinds;

    static void Damage(string path, string kind) => DamagedTable.Apply(path, kind);

    ResultsStore ThreeRows()
    {
        var store = new ResultsStore(Folder);
        foreach (var seed in new[] { 0, 1, 2 }) store.Append(Row(seed));
        return store;
    }

    [Theory]
    [MemberData(nameof(Damages))]
    public void A_damaged_table_is_one_error_naming_file_and_line_and_is_kept_aside_byte_identical(string kind, int line)
    {
        var store = ThreeRows();
        Damage(store.TrialsCsv, kind);
        var damaged = File.ReadAllBytes(store.TrialsCsv);

        var error = Assert.Throws<ConfigException>(() => store.ReadTrials());
        Assert.Throws<ConfigException>(() => store.ReadTrials());

        Assert.StartsWith($"{store.TrialsCsv} line {line}: ", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains("repro repair --results " + Folder, error.Message);
        Assert.Equal(damaged, File.ReadAllBytes(store.TrialsCsv));
        var copy = Assert.Single(Directory.GetFiles(Folder, "trials.csv.damaged-*"));
        Assert.Contains(copy, error.Message);
        Assert.Equal(damaged, File.ReadAllBytes(copy));
    }

    [Theory]
    [MemberData(nameof(Damages))]
    public void Repair_keeps_the_good_rows_and_moves_the_bad_lines_to_a_side_file(string kind, int line)
    {
        var store = ThreeRows();
        Damage(store.TrialsCsv, kind);
        var damaged = File.ReadAllBytes(store.TrialsCsv);
        var badLine = File.ReadAllLines(store.TrialsCsv)[line - 1];

        var repair = store.Repair();

        var problem = Assert.Single(repair.Problems);
        Assert.StartsWith($"line {line}: ", problem);
        Assert.Equal(damaged, File.ReadAllBytes(repair.DamagedCopy!));
        Assert.Equal(badLine + "\n", File.ReadAllText(repair.RejectedLines!));
        // A damaged header costs no row: rows of the right width are read by position.
        int[] kept = kind == "damaged header" || kind == "garbage line" ? [0, 1, 2] : [0, 2];
        Assert.Equal(kept.Length, repair.Kept);
        Assert.Equal(kept.Select(seed => Row(seed)), store.ReadTrials());
        Assert.Null(store.Repair().DamagedCopy); // a sound table is left alone
    }

    [Fact]
    public void A_torn_last_line_is_not_damage_but_repair_moves_it_aside()
    {
        var store = ThreeRows();
        File.AppendAllText(store.TrialsCsv, "w,smoke,s,p,3,Reach");

        Assert.Equal(3, store.ReadTrials().Count);
        var repair = store.Repair();
        Assert.Equal("w,smoke,s,p,3,Reach\n", File.ReadAllText(repair.RejectedLines!));
        Assert.Equal(3, repair.Kept);
    }

    [Fact]
    public void Line_numbers_count_the_lines_inside_quoted_errors()
    {
        var store = new ResultsStore(Folder);
        store.Append(Row(0, TrialStatus.Crashed));
        store.Append(Row(1));
        var lines = File.ReadAllLines(store.TrialsCsv);
        lines[3] = lines[3].Replace(",1.25,", ",x,", StringComparison.Ordinal); // row 1 starts on line 4: the crash's error spans two

        File.WriteAllText(store.TrialsCsv, string.Join("\n", lines) + "\n");

        Assert.StartsWith($"{store.TrialsCsv} line 4: column TimeToTargetSeconds", Assert.Throws<ConfigException>(() => store.ReadTrials()).Message);
    }

    [Fact]
    public void An_older_file_without_some_columns_is_upgraded_by_repair()
    {
        var store = ThreeRows();
        DropColumns(store, "Error");

        Assert.Contains("line 1: the header lacks the columns Error", Assert.Throws<ConfigException>(() => store.ReadTrials()).Message);
        Assert.Equal(3, store.Repair().Kept);
        Assert.Equal([Row(0), Row(1), Row(2)], store.ReadTrials());
    }

    [Fact]
    public void A_file_written_before_hyperparameters_and_run_ids_reads_as_it_is_and_is_upgraded_on_append()
    {
        var store = ThreeRows();
        DropColumns(store, "Hparams", "HparamsHash", "RunId");

        Assert.Equal([Row(0), Row(1), Row(2)], store.ReadTrials());
        store.Append(Row(3));
        Assert.Equal(TrialTable.Columns, File.ReadLines(store.TrialsCsv).First().Split(','));
        Assert.Equal([Row(0), Row(1), Row(2), Row(3)], store.ReadTrials());
    }

    [Fact]
    public void Upgrading_an_older_header_keeps_superseded_rows()
    {
        var store = new ResultsStore(Folder);
        store.Append(Row(0, TrialStatus.TimedOut));
        store.Append(Row(0, minute: 1)); // the retry supersedes the timed-out attempt
        DropColumns(store, "Hparams", "HparamsHash", "RunId");

        store.Append(Row(1));

        Assert.Equal(3, store.ReadAllTrials().Count); // rows only grow: the timed-out attempt is still there
        Assert.Equal([Row(0, minute: 1), Row(1)], store.ReadTrials());
    }

    /// <summary>Rewrites the table without <paramref name="names"/> (its test rows have no commas inside fields).</summary>
    static void DropColumns(ResultsStore store, params string[] names)
    {
        var header = File.ReadLines(store.TrialsCsv).First().Split(',');
        var drop = names.Select(n => Array.IndexOf(header, n)).ToHashSet();
        var lines = File.ReadAllLines(store.TrialsCsv).Select(l => string.Join(",", l.Split(',').Where((_, i) => !drop.Contains(i))));
        File.WriteAllText(store.TrialsCsv, string.Join("\n", lines) + "\n");
    }

    [Fact]
    public void A_later_row_for_the_same_trial_and_machine_supersedes_the_earlier_one()
    {
        var store = new ResultsStore(Folder);
        store.Append(Row(0, TrialStatus.Crashed));
        store.Append(Row(1));
        store.Append(Row(0, TrialStatus.Crashed, machine: "other"));
        store.Append(Row(0, TrialStatus.Reached, minute: 5));

        Assert.Equal(4, store.ReadAllTrials().Count);
        Assert.Equal([Row(0, TrialStatus.Reached, minute: 5), Row(1), Row(0, TrialStatus.Crashed, machine: "other")], store.ReadTrials());
    }

    [Fact]
    public void The_writer_and_the_reader_agree_on_the_columns()
    {
        var text = TrialTable.Format([Row(0)]);
        Assert.Equal(string.Join(",", TrialTable.Columns), text.Split('\n')[0]);
        Assert.Equal(Row(0), TrialTable.Scan(text).Single(e => e.Record is not null).Record);
    }
}
