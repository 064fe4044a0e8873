using Bench.Repro.Launcher;

return Launcher.Run(args);
