using System.Diagnostics;
using System.Globalization;
using GoPack.Sdk.Fuzz;

// The fuzz harness. Verbs:
//   instrument <dll>          SharpFuzz-instrument an assembly in place (the build does it to its copy of the task library)
//   run [options]             fuzz every target (or --targets a,b) at once, one child process each, for --seconds each
//   child <target> [options]  one target's loop (what run starts)
//   replay <target> <file>... run inputs once, uninstrumented, and print what each did
//   afl <target>              SharpFuzz's AFL mode, for afl-fuzz (see README "Reliability")
// Options: --seconds N (60 s of each child's CPU time), --execs N (stop after N mutations instead of N seconds: with --seed, a run that is the
//          same everywhere), --corpus DIR (the committed Corpus/ folder), --grow (add new inputs to --corpus),
//          --out DIR (findings; default a temp folder), --seed N, --nice N (run: the children's niceness, 10),
//          --jobs N (run: children at once, one per core by default, so each target gets its seconds of a core).
// The instrumented task library counts into SharpFuzz's map on every branch: it must exist before any of it runs.
if (args.Length > 0 && args[0] != "instrument") Child.AllocateMap();
return args.Length == 0 ? Usage() : args[0] switch
{
    "instrument" => Instrumentation.Instrument(args[1]),
    "run" => Parent.Run(Options.Parse(args[1..])),
    "child" => Child.Run(FuzzTargets.Find(args[1]), Options.Parse(args[2..])),
    "replay" => Replay(FuzzTargets.Find(args[1]), args[2..]),
    "afl" => Afl(FuzzTargets.Find(args[1])),
    "list" => List(),
    "time" => Time(FuzzTargets.Find(args[1])),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: GoPack.Sdk.Fuzz run|child|replay|afl|list|instrument ... (see Program.cs)");
    return 2;
}

static int List()
{
    foreach (var target in FuzzTargets.All) Console.WriteLine($"{target.Name,-20} {target.Description}");
    return 0;
}

// How long each edge input takes, slowest first: huge lines and deep nesting must stay linear.
static int Time(FuzzTarget target)
{
    var directory = Path.Combine(Options.DefaultCorpus, target.Name);
    var seeds = Directory.EnumerateFiles(directory).Select(File.ReadAllBytes).ToList();
    var times = Mutator.EdgeInputs(seeds).Select((input, i) =>
    {
        var clock = Stopwatch.StartNew();
        target.Check(input);
        return (i, input.Length, clock.Elapsed.TotalMilliseconds);
    }).OrderByDescending(t => t.TotalMilliseconds).Take(8);
    foreach (var (i, length, ms) in times) Console.WriteLine($"edge input {i,3}: {length,8} bytes {ms,8:0} ms");
    return 0;
}

static int Replay(FuzzTarget target, string[] files)
{
    var failed = 0;
    foreach (var file in files)
    {
        var error = target.Check(File.ReadAllBytes(file));
        Console.WriteLine(error is null ? $"ok    {file}" : $"CRASH {file}\n{error}");
        if (error is not null) failed++;
    }
    return failed == 0 ? 0 : 1;
}

static int Afl(FuzzTarget target)
{
    // afl-fuzz -i Corpus/<target> -o findings -t 5000 -m none -- dotnet GoPack.Sdk.Fuzz.dll afl <target>
    SharpFuzz.Fuzzer.Run(stream =>
    {
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        if (target.Check(memory.ToArray()) is { } error) throw error;
    });
    return 0;
}

internal sealed record Options(double Seconds, long Executions, string Corpus, bool Grow, string Out, int Seed, int Nice, int Jobs, IReadOnlyList<string> Targets)
{
    public static string DefaultCorpus => Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "Corpus"));

    public static Options Parse(string[] args)
    {
        var seconds = 60.0;
        var executions = 0L;
        var jobs = Environment.ProcessorCount;
        var corpus = DefaultCorpus;
        var grow = false;
        string? output = null;
        var seed = Environment.TickCount;
        var nice = 10;
        var targets = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--seconds": seconds = double.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--corpus": corpus = Path.GetFullPath(args[++i]); break;
                case "--execs": executions = long.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--jobs": jobs = Math.Max(1, int.Parse(args[++i], CultureInfo.InvariantCulture)); break;
                case "--grow": grow = true; break;
                case "--out": output = Path.GetFullPath(args[++i]); break;
                case "--seed": seed = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--nice": nice = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--targets": targets.AddRange(args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries)); break;
                default: throw new ArgumentException("unknown option " + args[i]);
            }
        }
        output ??= Path.Combine(Path.GetTempPath(), "gopack-fuzz-" + Guid.NewGuid().ToString("N")[..8]);
        return new Options(seconds, executions, corpus, grow, output, seed, nice, jobs, targets);
    }

    public string[] ChildArguments() =>
        ["--seconds", Seconds.ToString(CultureInfo.InvariantCulture), "--execs", Executions.ToString(CultureInfo.InvariantCulture), "--corpus", Corpus, "--out", Out, "--seed", Seed.ToString(CultureInfo.InvariantCulture), .. Grow ? new[] { "--grow" } : []];
}

internal static class Instrumentation
{
    public static int Instrument(string assembly)
    {
        try
        {
            // The pure logic only: the MSBuild task classes are never called by a target.
            var types = SharpFuzz.Fuzzer.Instrument(assembly, type => !type.StartsWith("GoPack.Sdk.Tasks.", StringComparison.Ordinal), SharpFuzz.Options.Value);
            Console.WriteLine($"instrumented {types.Count()} types of {assembly}");
        }
        catch (SharpFuzz.InstrumentationException e) when (e.Message.Contains("already instrumented", StringComparison.OrdinalIgnoreCase))
        {
            Console.WriteLine($"{assembly} is instrumented already");
        }
        return 0;
    }
}

/// <summary>Starts one child per target, --jobs at a time, and sums up what they found.</summary>
internal static class Parent
{
    public static int Run(Options options)
    {
        var targets = options.Targets.Count == 0 ? FuzzTargets.All : options.Targets.Select(FuzzTargets.Find).ToList();
        Directory.CreateDirectory(options.Out);
        var clock = Stopwatch.StartNew();
        var results = new (string Line, bool Failed)[targets.Count];
        Parallel.For(0, targets.Count, new ParallelOptions { MaxDegreeOfParallelism = options.Jobs }, i => results[i] = RunChild(targets[i], options));

        Console.WriteLine($"{"target",-20} {"execs",10} {"exec/s",8} {"cpu s",6} {"corpus",13} {"edges",6} {"max len",8}  result");
        foreach (var (line, _) in results) Console.WriteLine(line);
        var failures = results.Count(r => r.Failed);
        var budget = options.Executions > 0 ? $"{options.Executions} mutations" : $"{options.Seconds:0} s";
        Console.WriteLine($"fuzzed {targets.Count} targets ({budget} each, {options.Jobs} at once) in {clock.Elapsed.TotalSeconds:0} s wall time; findings in {options.Out}");
        Console.WriteLine($"fuzz: {targets.Count - failures} passed, {failures} failed");
        return failures == 0 ? 0 : 1;
    }

    private static (string Line, bool Failed) RunChild(FuzzTarget target, Options options)
    {
        var dotnet = Environment.ProcessPath ?? "dotnet";
        var nice = File.Exists("/usr/bin/nice") && options.Nice > 0;
        var info = new ProcessStartInfo(nice ? "/usr/bin/nice" : dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (nice)
        {
            info.ArgumentList.Add("-n");
            info.ArgumentList.Add(options.Nice.ToString(CultureInfo.InvariantCulture));
            info.ArgumentList.Add(dotnet);
        }
        foreach (var argument in new[] { typeof(Parent).Assembly.Location, "child", target.Name }.Concat(options.ChildArguments())) info.ArgumentList.Add(argument);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();

        // A child checks its budget itself; one that used twice its CPU time plus a minute hangs inside the parser (or,
        // on a machine too busy to give it that, has waited ten times its time plus ten minutes).
        var hang = TimeSpan.FromSeconds(options.Seconds * 2 + 60);
        var deadline = Stopwatch.StartNew();
        var starved = TimeSpan.Zero;
        while (!process.WaitForExit(TimeSpan.FromSeconds(1)))
        {
            var cpu = CpuTime(process);
            if (cpu < hang && deadline.Elapsed < (hang * 5) + TimeSpan.FromMinutes(5)) continue;
            if (cpu < hang) starved = cpu;
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            break;
        }
        if (starved > TimeSpan.Zero)
        {
            // Not a finding: the machine gave the child too little CPU to finish (its input is no slower than any other).
            return ($"{target.Name,-20} stopped after {deadline.Elapsed.TotalMinutes:0} min with only {starved.TotalSeconds:0} s of CPU (a busy machine): run it again", true);
        }
        var summary = stdout.Result.Split('\n').LastOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal));
        if (process.ExitCode == 0 && summary is not null) return (summary["RESULT ".Length..], false);

        // The child died (stack overflow, a hang killed above): its last input is in its state file.
        var last = Child.ReadState(Child.StateFile(options.Out, target.Name));
        var saved = last is null ? "(no input recorded)" : Child.SaveFinding(options.Out, target.Name, "died", last);
        var line = summary is not null
            ? summary["RESULT ".Length..]
            : $"{target.Name,-20} the child died with exit code {process.ExitCode}; last input: {saved}";
        return (line + "\n" + Tail(stderr.Result, 30), true);
    }

    private static TimeSpan CpuTime(Process process)
    {
        try
        {
            return process.TotalProcessorTime;
        }
        catch (InvalidOperationException)
        {
            return TimeSpan.Zero; // it just exited
        }
    }

    private static string Tail(string text, int lines) => string.Join("\n", text.Split('\n').TakeLast(lines));
}
