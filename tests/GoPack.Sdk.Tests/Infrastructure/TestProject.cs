namespace GoPack.Sdk.Tests.Infrastructure;

/// <summary>A real .gocsproj in its own temp directory, built with the real `dotnet` CLI as a user would.</summary>
public sealed class TestProject
{
    private readonly TestEnvironment _environment;

    public TestProject(TestEnvironment environment, string directory, string name)
    {
        _environment = environment;
        Directory = directory;
        Name = name;
    }

    public string Directory { get; }
    public string Name { get; }
    public string ProjectFile => System.IO.Path.Combine(Directory, Name + ".gocsproj");

    /// <summary>
    /// False: no -nodeReuse:false on the command line (dotnet test in Microsoft.Testing.Platform mode passes switches it
    /// doesn't know to the test application), MSBUILDDISABLENODEREUSE=1 instead.
    /// </summary>
    public bool NodeReuseSwitch { get; set; } = true;

    /// <summary>Environment for every dotnet call; null removes a variable. Tests add their own.</summary>
    public Dictionary<string, string?> Environment { get; } = new();

    /// <summary>How long one dotnet call may take before the test fails (a test of "fails fast" shortens it).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(5);

    public string SdkProjectXml(string body = "") =>
        body.Length == 0
            ? $"<Project Sdk=\"GoPack.Sdk/{_environment.SdkVersion}\" />\n"
            : $"<Project Sdk=\"GoPack.Sdk/{_environment.SdkVersion}\">\n{body}\n</Project>\n";

    /// <summary>
    /// Hides every Go the machine has from the build: PATH holds only the folder of the dotnet that runs the tests (its
    /// real location, /usr/share/dotnet, not the /usr/bin/dotnet link beside Debian's /usr/bin/go), GOROOT and friends
    /// are unset; tests add GoToolchainSearchPaths for the install places. A machine where go sits beside dotnet fails
    /// here, loudly, rather than letting a test pass without testing anything.
    /// </summary>
    public TestProject HideInstalledGo()
    {
        var dotnetFolder = System.IO.Path.GetDirectoryName(System.Environment.ProcessPath!)!;
        var visibleGo = new[] { "go", "go.exe" }.Select(name => System.IO.Path.Combine(dotnetFolder, name)).FirstOrDefault(File.Exists);
        if (visibleGo is not null)
        {
            throw new InvalidOperationException($"Go can't be hidden from the build: {visibleGo} is in the folder of dotnet itself, which PATH must keep.");
        }

        Environment["PATH"] = dotnetFolder;
        Environment["GOROOT"] = null;
        Environment["GOTOOLCHAIN"] = null;
        Environment["GOPACK_GO_DOWNLOAD_BASE"] = null;
        Environment["GoToolchainPolicy"] = null;
        return this;
    }

    public TestProject WriteProjectFile(string body = "") => WriteFile(Name + ".gocsproj", SdkProjectXml(body));

    public TestProject WriteFile(string relativePath, string content)
    {
        var path = Path(relativePath);
        System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content.ReplaceLineEndings("\n"));
        return this;
    }

    public string Path(string relativePath) => System.IO.Path.Combine(Directory, relativePath);

    /// <summary>A stdlib-only module whose main prints <paramref name="message"/>.</summary>
    public TestProject WriteHelloModule(string message = "hello from go", string module = "example.com/svc")
    {
        WriteFile("go.mod", $"module {module}\n\ngo 1.19\n");
        WriteFile("main.go", $$"""
            package main

            import "fmt"

            func main() {
            	fmt.Println("{{message}}")
            }
            """);
        return WriteProjectFile();
    }

    public ProcessResult Dotnet(params string[] arguments)
    {
        var all = new List<string>(arguments);
        // Each test gets fresh MSBuild nodes: a reused node would keep an older task assembly loaded.
        if (NodeReuseSwitch && arguments.Length > 0 && arguments[0] is "build" or "clean" or "test" or "publish" or "msbuild" or "pack")
        {
            all.Add("-nodeReuse:false");
        }
        return ProcessRunner.Run("dotnet", all, Directory, DotnetEnvironment(), Timeout);
    }

    /// <summary>The environment every dotnet call of this project gets: isolated packages, no long-lived MSBuild nodes, <see cref="Environment"/>.</summary>
    public Dictionary<string, string?> DotnetEnvironment()
    {
        var environment = new Dictionary<string, string?>
        {
            ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0",
            ["MSBUILDNOINPROCNODE"] = null,
            ["MSBUILDTERMINALLOGGER"] = "off",
            ["NUGET_PACKAGES"] = _environment.PackagesDirectory,
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
            // No machine-wide limit on compiling go commands between the suite's parallel tests: their fake gos sleep
            // while holding a slot (a Ctrl+C test's for seconds), stalling unrelated tests. The limit's own test sets it.
            ["GoMaxConcurrentCommands"] = "0",
        };
        // What the dotnet test running this suite set in its own process, which every child would inherit: a user's
        // dotnet build doesn't start with them (dotnet build sets some itself, dotnet run doesn't).
        foreach (var name in InheritedFromDotnetTest) environment[name] = null;
        // In Microsoft.Testing.Platform mode dotnet test hands unknown switches to the test application: say it with the variable.
        if (!NodeReuseSwitch) environment["MSBUILDDISABLENODEREUSE"] = "1";
        foreach (var (name, value) in Environment) environment[name] = value;
        return environment;
    }

    private static readonly string[] InheritedFromDotnetTest =
    [
        "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "DOTNET_HOST_PATH", "MSBuildLoadMicrosoftTargetsReadOnly",
        "DOTNET_NUGET_SIGNATURE_VERIFICATION", "MSBUILDENSURESTDOUTFORTASKPROCESSES", "VSTEST_DOTNET_ROOT_PATH", "VSTEST_DOTNET_ROOT_ARCHITECTURE",
    ];

    public ProcessResult Build(params string[] arguments) => Dotnet(["build", ProjectFile, .. arguments]);

    public string OutputFile(string configuration = "Debug", string? name = null) =>
        Path(System.IO.Path.Combine("bin", configuration, (name ?? Name) + (OperatingSystem.IsWindows() ? ".exe" : "")));

    public ProcessResult RunOutput(string configuration = "Debug", params string[] arguments) =>
        ProcessRunner.Run(OutputFile(configuration), arguments, Directory);
}
