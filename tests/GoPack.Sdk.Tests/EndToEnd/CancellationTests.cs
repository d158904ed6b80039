using System.Diagnostics;
using GoPack.Sdk.Tests.Infrastructure;

namespace GoPack.Sdk.Tests.EndToEnd;

[Collection(SerialEndToEndCollection.Name)]
public sealed class CancellationTests(TestEnvironment environment)
{
    [Fact]
    public void Ctrl_C_during_a_build_kills_the_go_process_tree()
    {
        if (OperatingSystem.IsWindows()) return; // SIGINT delivery below is POSIX; the behaviour comes from ToolTask on both
        Signals.AssertSigintIsDelivered();

        // A "go" that starts a long-running child, as go starts compile and link processes, and records both PIDs.
        var root = Path.Combine(environment.Root, "hanging-go-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(Path.Combine(root, "bin"));
        File.WriteAllText(Path.Combine(root, "VERSION"), "go1.19.8\n");
        var pids = Path.Combine(root, "pids");
        var script = Path.Combine(root, "bin", "go");
        File.WriteAllText(script, $"#!/bin/sh\nsleep 300 &\necho \"$$ $!\" > '{pids}.tmp'\nmv '{pids}.tmp' '{pids}'\nwait\n");
        script.MakeExecutable();
        var project = environment.CreateProject("cancel").WriteHelloModule();

        var startInfo = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { "build", project.ProjectFile, "-nodeReuse:false", "-p:GoRoot=" + root },
            WorkingDirectory = project.Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        startInfo.Environment["NUGET_PACKAGES"] = environment.PackagesDirectory;
        startInfo.Environment["MSBUILDTERMINALLOGGER"] = "off";
        using var build = Process.Start(startInfo)!;
        build.BeginOutputReadLine();
        build.BeginErrorReadLine();
        try
        {
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (!File.Exists(pids) && DateTime.UtcNow < deadline && !build.HasExited) Thread.Sleep(100);
            Assert.True(File.Exists(pids), "the fake go never started");
            var started = File.ReadAllText(pids).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray();

            Assert.Equal(0, ProcessRunner.Run("kill", ["-INT", build.Id.ToString()], environment.Root).ExitCode);

            Assert.True(build.WaitForExit(60_000), "dotnet build did not stop after SIGINT");
            Assert.NotEqual(0, build.ExitCode);
            foreach (var pid in started)
            {
                var gone = DateTime.UtcNow.AddSeconds(20);
                while (IsAlive(pid) && DateTime.UtcNow < gone) Thread.Sleep(100);
                Assert.False(IsAlive(pid), $"process {pid} of the go tree survived the cancellation");
            }
            Assert.False(File.Exists(project.OutputFile()));
        }
        finally
        {
            if (!build.HasExited) build.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public void Vet_runs_beside_go_build_and_a_failed_or_canceled_build_leaves_no_vet_running()
    {
        if (OperatingSystem.IsWindows()) return; // as above
        Signals.AssertSigintIsDelivered();

        // A go whose build and vet each start a long-running child and record both PIDs (the rest is the real go):
        // vet's PIDs showing up while go build runs prove they run side by side.
        var root = Path.Combine(environment.Root, "slow-go-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(Path.Combine(root, "bin"));
        File.Copy(Path.Combine(environment.RealGo.GoRoot, "VERSION"), Path.Combine(root, "VERSION"));
        var failBuild = Path.Combine(root, "fail-build");
        string Pids(string command) => Path.Combine(root, command + ".pids");
        var script = Path.Combine(root, "bin", "go");
        File.WriteAllText(script, $"""
            #!/bin/sh
            case "$1" in
            build|vet)
              sleep 300 &
              echo "$$ $!" > '{root}/'$1.tmp && mv '{root}/'$1.tmp '{root}/'$1.pids
              if [ "$1" = build ] && [ -e '{failBuild}' ]; then
                i=0; while [ ! -e '{Pids("vet")}' ] && [ $i -lt 1200 ]; do sleep 0.1; i=$((i+1)); done
                kill $!; echo './main.go:3:1: syntax error: broken on purpose' >&2; exit 1
              fi
              wait ;;
            *) GOROOT='{environment.RealGo.GoRoot}' exec '{environment.RealGo.GoExecutable}' "$@" ;;
            esac

            """);
        script.MakeExecutable();
        var project = environment.CreateProject("vet-beside").WriteHelloModule();
        // vet runs beside go build once an earlier vet of the project ran (before that, go's cache lacks what both
        // would compile); the machine-wide limit on compiling go commands is lifted, as on a machine with cores to spare.
        Assert.Equal(0, project.Build().ExitCode);
        const string NoLimit = "-p:GoMaxConcurrentCommands=0";

        // go build fails while vet runs: the build fails with go's error, and vet is stopped with it.
        File.WriteAllText(failBuild, "");
        var failed = project.Build("-p:GoRoot=" + root, NoLimit);
        Assert.NotEqual(0, failed.ExitCode);
        Assert.Contains("main.go(3,1): error", failed.Output);
        Assert.True(File.Exists(Pids("vet")), "vet did not start while go build ran:\n" + failed.Output);
        AssertGone(Pids("vet"));

        // Ctrl+C while both run.
        File.Delete(failBuild);
        File.Delete(Pids("vet"));
        File.Delete(Pids("build"));
        var startInfo = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { "build", project.ProjectFile, "-nodeReuse:false", "-p:GoRoot=" + root, NoLimit },
            WorkingDirectory = project.Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in project.DotnetEnvironment()) startInfo.Environment[name] = value;
        using var build = Process.Start(startInfo)!;
        build.BeginOutputReadLine();
        build.BeginErrorReadLine();
        try
        {
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (!(File.Exists(Pids("vet")) && File.Exists(Pids("build"))) && DateTime.UtcNow < deadline && !build.HasExited) Thread.Sleep(100);
            Assert.True(File.Exists(Pids("build")) && File.Exists(Pids("vet")), "go build and go vet never ran together");

            Assert.Equal(0, ProcessRunner.Run("kill", ["-INT", build.Id.ToString()], environment.Root).ExitCode);

            Assert.True(build.WaitForExit(60_000), "dotnet build did not stop after SIGINT");
            Assert.NotEqual(0, build.ExitCode);
            AssertGone(Pids("build"));
            AssertGone(Pids("vet"));
        }
        finally
        {
            if (!build.HasExited) build.Kill(entireProcessTree: true);
        }
    }

    private static void AssertGone(string pidFile)
    {
        foreach (var pid in File.ReadAllText(pidFile).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse))
        {
            var gone = DateTime.UtcNow.AddSeconds(20);
            while (IsAlive(pid) && DateTime.UtcNow < gone) Thread.Sleep(100);
            Assert.False(IsAlive(pid), $"process {pid} ({Path.GetFileName(pidFile)}) survived the build");
        }
    }

    // A zombie (exited, not yet reaped) counts as gone.
    private static bool IsAlive(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        if (!File.Exists(stat)) return false;
        try
        {
            var text = File.ReadAllText(stat);
            return text[(text.LastIndexOf(')') + 2)] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }
}
