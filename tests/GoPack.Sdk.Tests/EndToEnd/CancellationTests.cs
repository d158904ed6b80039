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
