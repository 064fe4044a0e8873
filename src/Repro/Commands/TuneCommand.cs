using System.Globalization;
using System.Text.Json;
using Bench.Harness;
using Bench.Contracts;
using Bench.Harness.Results;
using Bench.Harness.Statistics;
using Bench.Harness.Training;
using Bench.Harness.Tuning;
using Bench.Repro.Cli;
using Bench.Repro.Display;
using Bench.Repro.Execution;
using Bench.Submissions;
using Spectre.Console;

namespace Bench.Repro.Commands;

/// <summary>
/// AlgoPerf's external tuning at our scale: a submission's search space (its folder's <c>tuning_search_space.json</c>,
/// AlgoPerf's format), the declared defaults plus N quasi-random (Halton) or grid points, K seeds each; the winner is the
/// point with the lowest median time-to-target (misses infinite; ties by steps); then a confirmation run of the winner
/// against the defaults on fresh seeds, interleaved, in one run. Rows and <c>chosen-&lt;submission&gt;-&lt;scale&gt;.json</c>
/// go to <c>results/tuning/&lt;workload&gt;/</c> (<c>--results DIR</c>: <c>DIR/&lt;workload&gt;/</c>). Resumable like speedrun: a rerun skips finished trials.
/// </summary>
public sealed class TuneCommand : ICommand
{
    static readonly OptionSpec Space = new("space", "search space file (AlgoPerf's tuning_search_space.json format; default the submission's own)",
        ValueName: "FILE");
    static readonly OptionSpec Points = new("points", "search points besides the defaults (default 16)", ValueName: "N");
    static readonly OptionSpec Sampler = new("sampler", "halton | grid (grid: levels per dimension so the grid has at least --points points)",
        ValueName: "NAME");
    static readonly OptionSpec SeedsPerPoint = new("seeds-per-point", "seeds per search point (default 1)", ValueName: "N");
    static readonly OptionSpec ConfirmSeeds = new("confirm-seeds", "seeds of the confirmation run, winner against defaults (default 5; 0 skips it)",
        ValueName: "N");

    public string Name => "tune";

    public string Summary => "tune a submission's hyperparameters on a workload (quasi-random search, then a confirmation run); results/tuning/<workload> " +
        "(or --results DIR/<workload>)";

    public string Usage => "tune <submission> --workload ID [--points N] [--sampler halton|grid] [--seeds-per-point K] [--confirm-seeds M] [options]";

    public IReadOnlyList<ArgumentSpec> Arguments => [new("submission", "the submission to tune (baseline for the workload's recipe)")];

    public IReadOnlyList<OptionSpec> Options => [Space, Points, Sampler, SeedsPerPoint, ConfirmSeeds, SharedOptions.Workloads,
        .. SharedOptions.ExecutionOptions];

    public int Execute(ParsedArguments arguments, IAnsiConsole console)
    {
        if (arguments.Positionals.Count != 1)
            throw new ConfigException("tune needs exactly one submission id, e.g. 'repro tune baseline --workload modadd'. Valid: " +
                $"{string.Join(", ", SubmissionRegistry.All.Select(s => s.Id))}.");
        var submission = SubmissionRegistry.Get(arguments.Positionals[0]);
        if (arguments.Value("workloads") is null) throw new ConfigException("tune needs --workload ID (one or more, comma-separated).");
        var points = Count(arguments, "points", 16, 1, 1000);
        var seedsPerPoint = Count(arguments, "seeds-per-point", 1, 1, 100);
        var confirmSeeds = Count(arguments, "confirm-seeds", 5, 0, 100);
        var sampler = arguments.Value("sampler") ?? "halton";
        if (sampler is not ("halton" or "grid")) throw new ConfigException($"--sampler must be halton or grid (got '{sampler}').");
        var options = Catalog.OwnDataOnly(SharedOptions.Bind(arguments), "tune");
        var root = RepositoryRoot.Find() ?? Directory.GetCurrentDirectory();

        foreach (var workload in Catalog.Workloads(options.Workloads))
        {
            if (submission.NotApplicableReason(workload) is { } reason)
                throw new ConfigException($"'{submission.Id}' does not apply to '{workload.Id}': {reason}");
            if (!workload.ScaleNames.Contains(options.Scale))
                throw new ConfigException($"workload '{workload.Id}' has no scale '{options.Scale}'. Valid scales: {string.Join(", ", workload.ScaleNames)}.");
            var (spaceName, space) = LoadSpace(arguments.Value("space"), submission, workload.Id);
            // One folder per workload, also under --results DIR, so tuning several workloads never mixes rows or chosen points.
            var results = Path.Combine(arguments.Value("results") is null ? Path.Combine(root, "results", "tuning") : options.Results, workload.Id);
            var run = options with { Results = results };

            var defaults = submission.DefaultHyperparameters(workload, options.Scale);
            var owner = $"{submission.Id} on {workload.Id}";
            var defaultValues = Hyperparameters.Of(defaults);
            var numeric = defaultValues.Names.Where(n => space.Dimensions.Any(d => d.Name == n)).ToDictionary(n => n, defaultValues.Number);
            foreach (var d in space.Dimensions.Where(d => !defaultValues.Names.Contains(d.Name)))
                throw new ConfigException($"search space {spaceName} names '{d.Name}', which {submission.Id} does not declare. Declared: " +
                    $"{string.Join(", ", defaultValues.Names)}.");
            var raw = sampler == "halton"
                ? space.Halton(points, numeric)
                : space.Grid(GridLevels(points, space), numeric);
            var candidates = new List<Hyperparameters> { defaultValues };
            foreach (var point in raw)
            {
                var resolved = Hyperparameters.Resolve(defaults, point.ToDictionary(kv => kv.Key, kv => Text(defaults, kv.Key, kv.Value)), owner);
                if (!candidates.Contains(resolved)) candidates.Add(resolved);
            }

            var searchSeeds = Enumerable.Range(options.FirstSeed, seedsPerPoint).ToList();
            console.Write(new Rule($"tune {Markup.Escape(owner)} at {Markup.Escape(options.Scale)}: {candidates.Count} points ({sampler}, defaults first) x " +
                $"{seedsPerPoint} seed(s); space {Markup.Escape(spaceName)}").LeftJustified());
            var searchPlan = searchSeeds.SelectMany(seed =>
                candidates.Select(h => new TrialSpec(workload.Id, options.Scale, submission.Id, seed) { Hyperparameters = h })).ToList();
            if (arguments.Flag("dry-run"))
            {
                PlanTable.Write(console, run, searchPlan);
                continue;
            }
            var searchRows = Experiment.Execute(run, searchPlan, arguments.Flag("in-process"), console);
            var scored = candidates.Select((h, i) => Score(i, h, searchRows.Where(r => r.HparamsHash == h.Hash && r.Submission == submission.Id).ToList()))
                .ToList();
            var winner = scored.OrderBy(s => s.MedianSeconds).ThenBy(s => s.MedianSteps).ThenBy(s => s.Index).First();
            WritePoints(console, scored, winner);

            Confirmation? confirmation = null;
            if (confirmSeeds > 0)
            {
                var seeds = Enumerable.Range(options.FirstSeed + seedsPerPoint, confirmSeeds).ToList();
                Hyperparameters[] pair = winner.Hyperparameters == defaultValues ? [defaultValues] : [defaultValues, winner.Hyperparameters];
                // Alternate the order by seed (ABBA) so drift of a shared machine falls on both arms alike.
                var plan = seeds.SelectMany((seed, i) => (i % 2 == 0 ? pair : Enumerable.Reverse(pair))
                    .Select(h => new TrialSpec(workload.Id, options.Scale, submission.Id, seed) { Hyperparameters = h })).ToList();
                console.Write(new Rule($"confirmation: winner (point {winner.Index}) against the defaults, {confirmSeeds} fresh seeds, interleaved")
                    .LeftJustified());
                var rows = Experiment.Execute(run, plan, arguments.Flag("in-process"), console);
                confirmation = Confirm(rows.Where(r => r.HparamsHash == defaultValues.Hash).ToList(),
                    rows.Where(r => r.HparamsHash == winner.Hyperparameters.Hash).ToList());
                console.MarkupLine(Markup.Escape(confirmation.Describe()));
            }
            // The search's winner is chosen on few seeds, so it is adopted only when fresh seeds confirm it beats the
            // defaults (the CI's lower bound above 1); otherwise the defaults stay (the winner's curse, not a tuning).
            var adopted = confirmation is { Time.Lower: > 1 } ? winner.Hyperparameters : defaultValues;
            console.MarkupLine(adopted == defaultValues
                ? "[yellow]adopt: the defaults[/] (the confirmation does not show the winner faster)"
                : $"[green]adopt: the winner[/] (point {winner.Index})");
            var chosen = Path.Combine(results, $"chosen-{submission.Id}-{options.Scale}.json");
            AtomicFile.WriteAllText(chosen, JsonSerializer.Serialize(new
            {
                submission = submission.Id, workload = workload.Id, scale = options.Scale, space = spaceName, sampler, seeds_per_point = seedsPerPoint,
                points = scored.Select(s => new
                {
                    s.Index, hash = s.Hyperparameters.Hash, hyperparameters = JsonDocument.Parse(s.Hyperparameters.Json).RootElement,
                    reached = $"{s.Reached}/{s.Seeds}", median_seconds = Finite(s.MedianSeconds), median_steps = Finite(s.MedianSteps)
                }),
                winner = new { winner.Index, hash = winner.Hyperparameters.Hash,
                    hyperparameters = JsonDocument.Parse(winner.Hyperparameters.Json).RootElement },
                confirmation = confirmation?.Describe(),
                adopted = new { hash = adopted.Hash, hyperparameters = JsonDocument.Parse(adopted.Json).RootElement,
                    rule = "the winner if the confirmation's time CI lies above 1, else the defaults" },
            }, new JsonSerializerOptions { WriteIndented = true }) + "\n");
            console.MarkupLine($"chosen point: [bold]{Markup.Escape(winner.Hyperparameters.Json)}[/] -> {Markup.Escape(chosen)}");
        }
        return 0;
    }

    /// <summary>One search point's outcome over its seeds.</summary>
    sealed record PointScore(int Index, Hyperparameters Hyperparameters, int Seeds, int Reached, double MedianSeconds, double MedianSteps);

    /// <summary>The winner against the defaults on the confirmation seeds: speedups with their bootstrap CIs.</summary>
    sealed record Confirmation(int DefaultReached, int WinnerReached, int Seeds, double DefaultSeconds, double WinnerSeconds, SpeedupEstimate Time,
        SpeedupEstimate Steps)
    {
        public string Describe() => Seeds == 0 ? "no confirmation rows" :
            $"defaults {DefaultReached}/{Seeds} reached, median {DefaultSeconds:0.0} s; winner {WinnerReached}/{Seeds}, median {WinnerSeconds:0.0} s; " +
            $"speedup of the winner {Time.Value:0.00}x [{Time.Lower:0.00}, {Time.Upper:0.00}] in time, {Steps.Value:0.00}x [{Steps.Lower:0.00}, " +
                $"{Steps.Upper:0.00}] in steps (95% bootstrap CI)";
    }

    static PointScore Score(int index, Hyperparameters h, IReadOnlyList<TrialRecord> rows) => new(index, h, rows.Count, rows.Count(r => r.Reached),
        rows.Count == 0 ? double.PositiveInfinity : Descriptive.Median([.. rows.Select(r => r.TimeToTargetSeconds)]),
        rows.Count == 0 ? double.PositiveInfinity : Descriptive.Median([.. rows.Select(r => r.StepsToTarget)]));

    static Confirmation Confirm(IReadOnlyList<TrialRecord> defaults, IReadOnlyList<TrialRecord> winner)
    {
        if (winner.Count == 0) winner = defaults; // the defaults won the search: an A/A confirmation
        return new(defaults.Count(r => r.Reached), winner.Count(r => r.Reached), defaults.Count,
            Descriptive.Median([.. defaults.Select(r => r.TimeToTargetSeconds)]), Descriptive.Median([.. winner.Select(r => r.TimeToTargetSeconds)]),
            SpeedupEstimate.Estimate([.. defaults.Select(r => r.TimeToTargetSeconds)], [.. winner.Select(r => r.TimeToTargetSeconds)]),
            SpeedupEstimate.Estimate([.. defaults.Select(r => r.StepsToTarget)], [.. winner.Select(r => r.StepsToTarget)]));
    }

    static void WritePoints(IAnsiConsole console, IReadOnlyList<PointScore> scored, PointScore winner)
    {
        var table = new Table().Title("search points (misses count as infinite; winner = lowest median time-to-target)")
            .AddColumns("point", "hyperparameters", "hash", "reached", "median s", "median steps");
        foreach (var s in scored)
            table.AddRow(Markup.Escape((s.Index == 0 ? "0 (defaults)" : s.Index.ToString(CultureInfo.InvariantCulture)) + (s == winner ? " *winner*" : "")),
                Markup.Escape(s.Hyperparameters.Json), s.Hyperparameters.Hash, $"{s.Reached}/{s.Seeds}",
                double.IsFinite(s.MedianSeconds) ? s.MedianSeconds.ToString("0.0", CultureInfo.InvariantCulture) : "miss",
                double.IsFinite(s.MedianSteps) ? s.MedianSteps.ToString("0", CultureInfo.InvariantCulture) : "miss");
        console.Write(table);
    }

    static (string Name, SearchSpace Space) LoadSpace(string? file, ISubmission submission, string workloadId)
    {
        if (file is not null) return (file, SearchSpace.Load(file));
        var own = MethodCards.SearchSpace(submission, workloadId)
            ?? throw new ConfigException($"'{submission.Id}' has no tuning_search_space.json in its folder; give --space FILE (AlgoPerf's format).");
        return (own.Name, SearchSpace.Parse(own.Json, own.Name));
    }

    /// <summary>Levels per continuous dimension so the full grid has at least <paramref name="points"/> points.</summary>
    static int GridLevels(int points, SearchSpace space)
    {
        var continuous = space.Dimensions.Count(d => d.FeasiblePoints is null);
        return continuous == 0 ? 1 : Math.Max(2, (int)Math.Ceiling(Math.Pow(points, 1.0 / continuous) - 1e-9));
    }

    /// <summary>A searched value as text for <see cref="Hyperparameters.Resolve"/>: integer-typed hyperparameters are rounded.</summary>
    static string Text(object defaults, string name, double value)
    {
        var property = defaults.GetType().GetProperties().FirstOrDefault(p => JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name) == name);
        var integer = property?.PropertyType == typeof(int) || property?.PropertyType == typeof(long);
        return integer ? Math.Round(value).ToString(CultureInfo.InvariantCulture) : value.ToString("G6", CultureInfo.InvariantCulture);
    }

    static double? Finite(double value) => double.IsFinite(value) ? value : null;

    static int Count(ParsedArguments arguments, string name, int fallback, int min, int max)
    {
        var text = arguments.Value(name);
        if (text is null) return fallback;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            throw new ConfigException($"--{name} must be an integer from {min} to {max} (got '{text}').");
        return value;
    }
}
