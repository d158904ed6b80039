namespace GoPack.Sdk.Tests.Infrastructure;

/// <summary>
/// A GOROOT whose bin/go records every invocation in a log file and then runs the real go. Handing it to a build
/// as GoRoot proves whether a build started go at all.
/// </summary>
public sealed class CountingGo
{
    public CountingGo(TestEnvironment environment)
    {
        if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException("CountingGo is a shell script.");
        Root = Path.Combine(environment.Root, "counting-go-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path.Combine(Root, "bin"));
        LogFile = Path.Combine(Root, "invocations.log");
        File.Copy(Path.Combine(environment.RealGo.GoRoot, "VERSION"), Path.Combine(Root, "VERSION"));
        var script = Path.Combine(Root, "bin", "go");
        File.WriteAllText(script, $"""
            #!/bin/sh
            echo "$*" >> '{LogFile}'
            GOROOT='{environment.RealGo.GoRoot}' exec '{environment.RealGo.GoExecutable}' "$@"

            """);
        script.MakeExecutable();
    }

    public string Root { get; }
    public string LogFile { get; }

    public IReadOnlyList<string> Invocations => File.Exists(LogFile) ? File.ReadAllLines(LogFile) : [];

    /// <summary>
    /// One per GoBuild run: the `go build` that compiles every package (GoBuild also runs `go list` when sources
    /// changed, and a second `go build -o` that links the main packages when the first succeeded).
    /// </summary>
    public IReadOnlyList<string> Builds => Invocations.Where(i => i.StartsWith("build ", StringComparison.Ordinal) && !i.Contains(" -o ")).ToList();

    public string GoRootProperty => "-p:GoRoot=" + Root;
}
