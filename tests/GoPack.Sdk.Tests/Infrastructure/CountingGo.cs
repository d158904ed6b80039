namespace GoPack.Sdk.Tests.Infrastructure;

/// <summary>
/// A GOROOT whose bin/go records every invocation in a log file and then runs the real go. Handing it to a build
/// as GoRoot proves whether a build started go at all.
/// </summary>
public sealed class CountingGo
{
    /// <param name="environment">The test run.</param>
    /// <param name="environmentPattern">
    /// An extended regular expression: the environment variables go is started with whose NAME=value lines match it
    /// are appended to <see cref="EnvironmentLogFile"/>, to prove what reached go.
    /// </param>
    public CountingGo(TestEnvironment environment, string? environmentPattern = null)
    {
        if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException("CountingGo is a shell script.");
        Root = Path.Combine(environment.Root, "counting-go-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path.Combine(Root, "bin"));
        LogFile = Path.Combine(Root, "invocations.log");
        EnvironmentLogFile = Path.Combine(Root, "environment.log");
        var recordEnvironment = environmentPattern is null ? "" : $"env | grep -E '{environmentPattern}' >> '{EnvironmentLogFile}'";
        File.Copy(Path.Combine(environment.RealGo.GoRoot, "VERSION"), Path.Combine(Root, "VERSION"));
        var script = Path.Combine(Root, "bin", "go");
        File.WriteAllText(script, $"""
            #!/bin/sh
            echo "$*" >> '{LogFile}'
            {recordEnvironment}
            GOROOT='{environment.RealGo.GoRoot}' exec '{environment.RealGo.GoExecutable}' "$@"

            """);
        script.MakeExecutable();
    }

    public string Root { get; }
    public string LogFile { get; }

    public string EnvironmentLogFile { get; }

    public string RecordedEnvironment => File.Exists(EnvironmentLogFile) ? File.ReadAllText(EnvironmentLogFile) : "";

    public IReadOnlyList<string> Invocations => File.Exists(LogFile) ? File.ReadAllLines(LogFile) : [];

    /// <summary>
    /// One per GoBuild run: GoBuild runs `go build ./...` to compile every package and then `go build -o` to link the
    /// main packages, or only the link for a module that is one main package (and `go list` when sources changed).
    /// A link right after a compile belongs to the same run (a vet in between too).
    /// </summary>
    public IReadOnlyList<string> Builds
    {
        get
        {
            var runs = new List<string>();
            string? previous = null;
            foreach (var invocation in Invocations)
            {
                var isBuild = invocation.StartsWith("build ", StringComparison.Ordinal);
                var isLink = isBuild && invocation.Contains(" -o ");
                var follows = previous != null && previous.StartsWith("build ", StringComparison.Ordinal) && !previous.Contains(" -o ");
                if (isBuild && !(isLink && follows)) runs.Add(invocation);
                // go vet runs beside go build and may be logged between its compile and its link.
                if (!invocation.StartsWith("vet ", StringComparison.Ordinal)) previous = invocation;
            }
            return runs;
        }
    }

    public string GoRootProperty => "-p:GoRoot=" + Root;

    /// <summary>
    /// Builds <paramref name="project"/> with this go, one step of a test at a time, and checks each step did (or did
    /// not) run go build, counting the builds so far; a step that must not build must not start go at all.
    /// </summary>
    public Action<bool, string> BuildExpecting(TestProject project)
    {
        var builds = 0;
        return (goRuns, because) =>
        {
            var before = Invocations.Count;
            var result = project.Build(GoRootProperty);
            Assert.True(result.ExitCode == 0, because + ": " + result);
            if (goRuns) builds++;
            Assert.True(Builds.Count == builds, $"{because}: expected {builds} go builds, saw {Builds.Count}:\n{string.Join("\n", Invocations)}");
            if (!goRuns) Assert.True(Invocations.Count == before, $"{because}: go was started:\n{string.Join("\n", Invocations.Skip(before))}");
        };
    }
}
