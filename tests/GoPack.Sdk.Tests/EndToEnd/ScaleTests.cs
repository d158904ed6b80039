using System.Diagnostics;
using System.Globalization;
using System.Text;
using GoPack.Sdk.Tests.Infrastructure;
using Xunit.Abstractions;

namespace GoPack.Sdk.Tests.EndToEnd;

/// <summary>
/// Large inputs build, with the time and the build's peak memory written to the test output (figures, not
/// assertions). The sizes here keep the suite fast; GOPACK_SCALE=full runs the sizes of the reliability figures in
/// README: 5,000 packages / 50,000 files, a 10 MB go.mod, a 100-module workspace (and GOPACK_SCALE_PROJECTS=30 for
/// FaultTests' projects under -m).
/// </summary>
public sealed class ScaleTests(TestEnvironment environment, ITestOutputHelper log) : IClassFixture<TestEnvironment>
{
    private static readonly bool Full = Environment.GetEnvironmentVariable("GOPACK_SCALE") == "full";

    [Fact]
    public void A_module_with_many_packages_and_files_builds_and_a_no_op_after_it_starts_no_go()
    {
        var (packages, filesPerPackage) = Full ? (5_000, 10) : (200, 10);
        var go = new CountingGo(environment);
        var project = environment.CreateProject("many").WriteHelloModule("many packages");
        for (var p = 0; p < packages; p++)
        {
            for (var f = 0; f < filesPerPackage; f++)
            {
                project.WriteFile($"pkg/p{p / 100}/q{p}/f{f}.go", $"package q{p}\n\n// F{f} is function {f} of package {p}.\nfunc F{f}() int {{ return {f} }}\n");
            }
        }
        var sources = TreeSnapshot.Take(project.Directory);

        var (build, peak, seconds) = Measure(project, go.GoRootProperty);
        log.WriteLine($"{packages} packages, {packages * filesPerPackage} files: build {seconds:0.0} s, peak {peak / 1024} MiB");
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Equal("many packages", project.RunOutput().Output.Trim());

        var before = go.Invocations.Count;
        var (noop, noopPeak, noopSeconds) = Measure(project, go.GoRootProperty);
        log.WriteLine($"no-op: {noopSeconds:0.0} s, peak {noopPeak / 1024} MiB");
        Assert.Equal(0, noop.ExitCode);
        Assert.Equal(before, go.Invocations.Count);
        TreeSnapshotAssert.Unchanged(project.Directory, sources);
    }

    [Fact]
    public void A_huge_go_mod_is_read_in_bounded_memory_and_builds()
    {
        var megabytes = Full ? 10 : 1;
        var project = environment.CreateProject("hugemod").WriteHelloModule("huge go.mod");
        var text = new StringBuilder("module example.com/svc\n\ngo 1.19\n\n");
        var line = 0;
        while (text.Length < megabytes * 1024 * 1024)
        {
            text.Append("// exclude example.com/old").Append(line).Append(" v1.0.").Append(line).Append(" was here, and this comment keeps the line long\n");
            text.Append("exclude example.com/old").Append(line).Append(" v1.0.").Append(line++).Append('\n');
        }
        project.WriteFile("go.mod", text.ToString());

        var (build, peak, seconds) = Measure(project);
        log.WriteLine($"{text.Length / 1024} KiB go.mod, {line} exclude lines: build {seconds:0.0} s, peak {peak / 1024} MiB");
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Equal("huge go.mod", project.RunOutput().Output.Trim());
    }

    [Fact]
    public void A_workspace_of_many_modules_builds_every_one()
    {
        var modules = Full ? 100 : 10;
        var project = environment.CreateProject("bigwork");
        var work = new StringBuilder("go 1.19\n\nuse (\n\t./app\n");
        var imports = new StringBuilder();
        var calls = new StringBuilder();
        for (var m = 0; m < modules; m++)
        {
            project.WriteFile($"lib{m}/go.mod", $"module example.com/lib{m}\n\ngo 1.19\n");
            project.WriteFile($"lib{m}/lib.go", $"package lib{m}\n\nfunc N() int {{ return {m} }}\n");
            work.Append("\t./lib").Append(m).Append('\n');
            imports.Append("\t\"example.com/lib").Append(m).Append("\"\n");
            calls.Append(" + lib").Append(m).Append(".N()");
        }
        project.WriteFile("go.work", work.Append(")\n").ToString());
        project.WriteFile("app/go.mod", "module example.com/app\n\ngo 1.19\n");
        project.WriteFile("app/main.go", $"package main\n\nimport (\n\t\"fmt\"\n{imports})\n\nfunc main() {{ fmt.Println(0{calls}) }}\n");
        project.WriteProjectFile();

        var (build, peak, seconds) = Measure(project);
        log.WriteLine($"workspace of {modules + 1} modules: build {seconds:0.0} s, peak {peak / 1024} MiB");
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Equal((modules * (modules - 1) / 2).ToString(CultureInfo.InvariantCulture), project.RunOutput().Output.Trim());
    }

    /// <summary>A build, with its peak resident memory (KiB: all its processes at once, or the largest one if more) and its time.</summary>
    private static (ProcessResult Result, long PeakKiB, double Seconds) Measure(TestProject project, params string[] arguments)
    {
        var report = Path.Combine(Path.GetTempPath(), "gopack-tests", "time-" + Guid.NewGuid().ToString("N")[..8]);
        var tag = Guid.NewGuid().ToString("N");
        var environment = project.DotnetEnvironment();
        environment[MemorySampler.Variable] = tag;
        using var memory = new MemorySampler(tag);
        var clock = Stopwatch.StartNew();
        ProcessResult result;
        if (File.Exists("/usr/bin/time"))
        {
            // GNU time's maximum resident set size: the largest of dotnet and every process it waited for (MSBuild runs in it).
            Directory.CreateDirectory(Path.GetDirectoryName(report)!);
            result = ProcessRunner.Run("/usr/bin/time", ["-v", "-o", report, "dotnet", "build", project.ProjectFile, "-nodeReuse:false", .. arguments],
                project.Directory, environment, TimeSpan.FromMinutes(30));
        }
        else
        {
            result = project.Build(arguments);
        }
        var seconds = clock.Elapsed.TotalSeconds;
        long peak = 0;
        if (File.Exists(report))
        {
            var line = File.ReadAllLines(report).FirstOrDefault(l => l.Contains("Maximum resident set size", StringComparison.Ordinal));
            if (line is not null) peak = long.Parse(line.Split(':')[1].Trim(), CultureInfo.InvariantCulture);
            File.Delete(report);
        }
        // GNU time's figure is one process's; the sampler's is every process of the build at once, go included.
        return (result, Math.Max(peak, memory.PeakKiB), seconds);
    }
}
