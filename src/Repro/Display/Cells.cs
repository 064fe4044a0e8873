using System.Globalization;
using Bench.Harness.Statistics;
using Bench.Harness.Training;

namespace Bench.Repro.Display;

/// <summary>How numbers read in tables (console and Markdown alike): ∞ for misses, "-" for undefined.</summary>
public static class Cells
{
    public static string Number(double value, string format = "0.0") =>
        double.IsPositiveInfinity(value) ? "∞" : double.IsNegativeInfinity(value) ? "-∞" : double.IsNaN(value) ? "-"
            : value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>A factor such as a minimum detectable speedup: <c>1.23x</c>, or "-" when undefined (a missed seed).</summary>
    public static string Factor(double value) => double.IsFinite(value) ? value.ToString("0.00", CultureInfo.InvariantCulture) + "x" : "-";

    /// <summary>Median with its interquartile range: <c>12.3 [11.0, 14.2]</c>.</summary>
    public static string MedianIqr(double median, double low, double high, string format = "0.0") =>
        $"{Number(median, format)} [{Number(low, format)}, {Number(high, format)}]";

    /// <summary>A speedup with its CI, or "reference" for the baseline's own row.</summary>
    public static string Speedup(ComparisonRow row, SpeedupEstimate estimate) => row.IsReference ? "reference" : estimate.ToString();

    /// <summary>The claimed factor and its kind, e.g. <c>2x (train-wallclock)</c>.</summary>
    public static string Claim(ComparisonRow row) =>
        row.IsReference ? "-" : row.Claim is { } c ? (c.Factor is double f ? $"{f:G4}x" : "no factor") +
            $" ({c.Kind}{(c.HardwareDependent ? ", hardware-dependent" : "")})" : "unknown paper";

    /// <summary>FSR as a percentage.</summary>
    public static string Fsr(ComparisonRow row) => double.IsNaN(row.Fsr) ? "-" : double.IsInfinity(row.Fsr) ? Number(row.Fsr) : $"{row.Fsr * 100:0}%";

    /// <summary>p of the final-metric t-test, with ✓ when it meets the speedrun's p &lt; 0.01.</summary>
    public static string TargetP(ComparisonRow row) =>
        row.TargetTest is not { } t || double.IsNaN(t.PValue) ? "-" : $"{FormatP(t.PValue)}{(t.MeetsTarget ? " ✓" : "")}";

    /// <summary>The RCP audit: "audit" when flagged, "ok" when checked, "-" when it could not be checked.</summary>
    public static string Audit(ComparisonRow row) =>
        row.Rcp is not { } rcp ? "-" : rcp.Flagged ? $"audit (mean {rcp.SubmissionMean:G4} < {rcp.MinimumMean:G4} examples)" : "ok";

    /// <summary>A status in words: <c>timed out</c>, <c>time-capped</c>.</summary>
    public static string Status(TrialStatus status) => status switch
    {
        TrialStatus.TimedOut => "timed out",
        TrialStatus.TimeCapped => "time-capped",
        _ => status.ToString().ToLowerInvariant(),
    };

    /// <summary>Seeds that reached the target of those compared, and the time-capped trials left out: <c>2/3 (+1 time-capped, left out)</c>.</summary>
    public static string Reached(ComparisonRow row) =>
        $"{row.Reached}/{row.Seeds}" + (row.TimeCapped > 0 ? $" (+{row.TimeCapped} time-capped, left out)" : "");

    static string FormatP(double p) => p < 0.001 ? "<0.001" : p.ToString("G3", CultureInfo.InvariantCulture);
}
