// Bench build script (Cake 7, run with `dotnet cake --target=<Target>`). Helpers live in build/*.cake.
#load "build/paths.cake"
#load "build/repro.cake"
#load "build/test-summary.cake"
#load "build/gate-base.cake"

var target = Argument("target", "Speedrun");
var configuration = Argument("configuration", "Release");

Task("Build")
    .Description("Builds the whole solution (Release).")
    .Does(() => DotNetBuild(Paths.Solution, new DotNetBuildSettings { Configuration = configuration, NoLogo = true }));

Task("Test")
    .Description("Runs every test project and prints one 'N passed, N failed' summary line.")
    .IsDependentOn("Build")
    .Does(() =>
    {
        CleanDirectory(Paths.TestResults);
        var failed = false;
        foreach (var project in GetFiles("tests/**/*.Tests.csproj"))
        {
            try
            {
                DotNetTest(project.FullPath, new DotNetTestSettings
                {
                    Configuration = configuration,
                    NoBuild = true,
                    NoLogo = true,
                    ResultsDirectory = Paths.TestResults,
                    Loggers = { $"trx;LogFileName={project.GetFilenameWithoutExtension()}.trx" },
                });
            }
            catch (Exception e)
            {
                failed = true; // keep running the other projects, report everything at the end
                Warning(e.Message);
            }
        }
        var summary = TestSummary.Read(Paths.TestResults);
        // Plain text on its own line: CI reads it as the test run's closing summary.
        System.Console.WriteLine(summary.ToString());
        if (failed || summary.Failed > 0) throw new Exception("tests failed");
    });

Task("Tool")
    .Description("Packs the `repro` launcher into build/feed and restores the local tools.")
    .Does(() =>
    {
        DotNetPack(Paths.Launcher, new DotNetPackSettings { Configuration = "Release", NoLogo = true });
        Dotnet("tool", "restore");
    });

Task("Speedrun")
    .Description("Every submission on every workload (default: modadd at cpu scale, at its default seed count); writes artifacts/results.")
    .IsDependentOn("Build")
    .Does(() => Repro(configuration, "speedrun", PassThrough("scale", "workloads", "submissions", "seeds", "device", "threads", "results")));

Task("Repro")
    .Description("One paper against the baseline: --paper=ID.")
    .IsDependentOn("Build")
    .Does(() => Repro(configuration, "run", new[] { Argument<string>("paper") }.Concat(PassThrough("scale", "workloads", "seeds", "device", "threads", "results"))));

Task("Gate")
    .Description("CI regression gate: smoke-scale steps-to-target and final metric must equal results/reference/gate-smoke.<machine class>.csv.")
    .IsDependentOn("Build")
    .Does(() => Repro(configuration, "gate", PassThrough("workloads", "submissions")));

Task("GateTiming")
    .Description("Timing gate: --base-ref (default HEAD) built into artifacts/gate-base, run interleaved with this build at smoke scale; fails only on a clear regression.")
    .IsDependentOn("Build")
    .Does(() =>
    {
        var baseDll = BuildBase(Argument("base-ref", "HEAD"));
        Repro(configuration, "gate", new[] { "--timing", "--base", baseDll }.Concat(PassThrough("workloads", "submissions", "repetitions", "threshold", "noise")));
    });

Task("Publish")
    .Description("Copies finished trials into results/ and regenerates the published tables.")
    .IsDependentOn("Build")
    .Does(() => Repro(configuration, "publish", PassThrough("results", "published")));

Task("Micro")
    .Description("BenchmarkDotNet micro-benchmarks (short job) into results/micro, then a ratio check against results/micro/reference.csv (warnings); --filter and --update-reference pass through.")
    .Does(() => Dotnet(new[] { "run", "--project", Paths.Micro, "-c", "Release", "--" }.Concat(MicroArguments()).ToArray()));

RunTarget(target);
