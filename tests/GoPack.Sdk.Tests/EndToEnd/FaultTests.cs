using System.Diagnostics;
using System.Security.Cryptography;
using GoPack.Sdk.Tests.Infrastructure;
using GoPack.Sdk.Toolchains.Download;
using Xunit.Abstractions;

namespace GoPack.Sdk.Tests.EndToEnd;

/// <summary>
/// Faults in the middle of a build: Ctrl+C during go test, a hook and a toolchain download (processes counted
/// machine-wide, so alone in the serial collection), a go killed by the system, a full disk, a read-only folder,
/// caches deleted or corrupted, and two builds of one project at once. Each time: a clear error or success, no
/// process left behind, and nothing a later build takes as valid unless it is complete.
/// </summary>
[Collection(SerialEndToEndCollection.Name)]
public sealed class FaultTests(TestEnvironment environment, ITestOutputHelper log)
{
    [Fact]
    public void Ctrl_C_during_go_test_a_hook_or_a_download_leaves_no_process_and_nothing_taken_as_valid()
    {
        if (OperatingSystem.IsWindows()) return; // SIGINT delivery is POSIX; the killing is ToolTask's on both
        Signals.AssertSigintIsDelivered();

        // go test: a test that never ends (go test → the test binary).
        var test = environment.CreateProject("ctrlctest").WriteHelloModule();
        test.WriteFile("hang_test.go", "package main\n\nimport (\n\t\"os\"\n\t\"testing\"\n\t\"time\"\n)\n\nfunc TestHang(t *testing.T) {\n\tos.WriteFile(\"started\", nil, 0o644)\n\ttime.Sleep(time.Hour)\n}\n");
        Interrupt(test, ["test", test.ProjectFile], () => File.Exists(test.Path("started")));
        File.Delete(test.Path("started"));

        // A hook: a shell command that starts a child of its own.
        var hook = environment.CreateProject("ctrlchook").WriteHelloModule();
        hook.Environment["CC_PRE_BUILD_HOOK"] = "touch hook-started; sleep 3600 & wait";
        Interrupt(hook, ["build", hook.ProjectFile], () => File.Exists(hook.Path("hook-started")));
        Assert.False(File.Exists(hook.OutputFile()));
        hook.Environment.Remove("CC_PRE_BUILD_HOOK");
        var after = hook.Build();
        Assert.True(after.ExitCode == 0, after.ToString());
        Assert.Equal("hello from go", hook.RunOutput().Output.Trim());

        // A download that stalls half-way: the next build must not find a toolchain in the cache.
        var archive = ToolchainArchive.OfRealGo(environment);
        var cache = Directory.CreateDirectory(Path.Combine(environment.Root, "ctrlc-cache-" + Guid.NewGuid().ToString("N")[..6])).FullName;
        var download = environment.CreateProject("ctrlcdownload").WriteHelloModule("downloaded");
        using (var stalling = new LoopbackServer()
            .ServeFile(archive.FileName, archive.Path, stallAfterBytes: archive.Size / 2)
            .Serve(GoDownloadSource.MirrorFeedFileName, ToolchainArchive.FeedJson(archive)))
        {
            Interrupt(download, ["build", download.ProjectFile, .. DownloadArguments(archive, cache, stalling.BaseUrl)],
                () => stalling.RequestCount(archive.FileName) > 0, childrenExpected: false);
        }
        Assert.DoesNotContain(Directory.EnumerateDirectories(cache), d => File.Exists(Path.Combine(d, ToolchainCache.CompleteMarkerFileName)));
        using var working = new LoopbackServer().ServeFile(archive.FileName, archive.Path).Serve(GoDownloadSource.MirrorFeedFileName, ToolchainArchive.FeedJson(archive));
        var retried = download.Build([.. DownloadArguments(archive, cache, working.BaseUrl)]);
        Assert.True(retried.ExitCode == 0, retried.ToString());
        Assert.Contains($"Downloaded Go {archive.Version} (", retried.Output);
        Assert.Equal("downloaded", download.RunOutput().Output.Trim());
    }

    [Fact]
    public void A_go_killed_by_the_system_a_full_disk_and_a_read_only_folder_fail_clearly_and_the_next_build_is_whole()
    {
        if (OperatingSystem.IsWindows()) return; // shell-script go, tmpfs and file modes
        var project = environment.CreateProject("faults").WriteHelloModule("v1");
        var sources = TreeSnapshot.Take(project.Directory);

        // The system kills go while it links (the out-of-memory killer's SIGKILL).
        var killed = GoWrapper("killed", "case \"$*\" in *\" -o \"*) kill -KILL $$ ;; esac");
        var killedBuild = project.Build("-p:GoRoot=" + killed);
        Assert.NotEqual(0, killedBuild.ExitCode);
        Assert.Contains("go was killed by signal 9 (SIGKILL)", killedBuild.Output);
        Assert.False(File.Exists(project.OutputFile()));
        Assert.Empty(Directory.EnumerateFileSystemEntries(project.Path("obj/Debug/gobin")));

        // A disk too small for the binary (a 256 KiB tmpfs over bin/Debug), or a bin/Debug nobody may write.
        Directory.CreateDirectory(project.Path("bin/Debug"));
        using (Mount.Available ? Mount.Tmpfs(project.Path("bin/Debug"), "256k") : null)
        {
            var full = project.Build();
            Assert.NotEqual(0, full.ExitCode);
            Assert.Contains("error GOPACK0151:", full.Output);
            Assert.Contains(Mount.Available ? "No space left on device" : "denied", full.Output);
            Assert.Empty(Directory.EnumerateFileSystemEntries(project.Path("bin/Debug")));
        }
        using (Mount.Available ? Mount.ReadOnly(project.Path("bin/Debug")) : null)
        {
            if (!Mount.Available) File.SetUnixFileMode(project.Path("bin/Debug"), UnixFileMode.UserRead | UnixFileMode.UserExecute);
            var readOnly = project.Build();
            Assert.NotEqual(0, readOnly.ExitCode);
            Assert.Contains("error GOPACK0151:", readOnly.Output);
            Assert.Contains("Check that the folder is writable", readOnly.Output);
            if (!Mount.Available) File.SetUnixFileMode(project.Path("bin/Debug"), (UnixFileMode)0b111_101_101);
        }

        var whole = project.Build();
        Assert.True(whole.ExitCode == 0, whole.ToString());
        Assert.Equal("v1", project.RunOutput().Output.Trim());
        TreeSnapshotAssert.Unchanged(project.Directory, sources);
    }

    [Fact]
    public void Deleted_and_corrupted_caches_rebuild_cleanly()
    {
        var project = environment.CreateProject("caches").WriteHelloModule("v1");
        var gocache = Path.Combine(environment.Root, "gocache-" + Guid.NewGuid().ToString("N")[..6]);
        project.Environment["GOCACHE"] = gocache;
        Assert.Equal(0, project.Build().ExitCode);

        // GOCACHE deleted between builds, and obj/ with it.
        Directory.Delete(gocache, recursive: true);
        Directory.Delete(project.Path("obj"), recursive: true);
        project.WriteFile("main.go", "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"v2\") }\n");
        var deleted = project.Build();
        Assert.True(deleted.ExitCode == 0, deleted.ToString());
        Assert.Equal("v2", project.RunOutput().Output.Trim());

        // Every file of GOCACHE cut to nothing: go must notice and compile again, not link garbage.
        foreach (var file in Directory.EnumerateFiles(gocache, "*", SearchOption.AllDirectories)) File.WriteAllBytes(file, []);
        project.WriteFile("main.go", "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"v3\") }\n");
        var corrupted = project.Build();
        Assert.True(corrupted.ExitCode == 0, corrupted.ToString());
        Assert.Equal("v3", project.RunOutput().Output.Trim());
    }

    [Fact]
    public async Task Two_builds_of_one_project_at_once_both_succeed_with_the_new_binary_every_time()
    {
        var project = environment.CreateProject("twice").WriteHelloModule("v0");
        Assert.Equal(0, project.Build().ExitCode);
        for (var round = 1; round <= 6; round++)
        {
            project.WriteFile("main.go", $"package main\n\nimport \"fmt\"\n\nfunc main() {{ fmt.Println(\"v{round}\") }}\n");
            var builds = await Task.WhenAll(Task.Run(() => project.Build()), Task.Run(() => project.Build()));
            Assert.All(builds, b => Assert.True(b.ExitCode == 0, $"round {round}: {b}"));
            Assert.Equal($"v{round}", project.RunOutput().Output.Trim());
        }

        // The binary two builds raced to write is byte for byte what one build alone writes.
        var raced = Hash(project.OutputFile());
        File.Delete(project.OutputFile());
        Directory.Delete(project.Path("obj"), recursive: true);
        Assert.Equal(0, project.Build().ExitCode);
        Assert.Equal(Hash(project.OutputFile()), raced);
        Assert.Empty(Directory.EnumerateDirectories(project.Path("obj/Debug/gobin")));
    }

    [Fact]
    public void Eight_projects_under_m_share_one_toolchain_download_and_build_what_a_serial_build_builds()
    {
        var count = int.Parse(Environment.GetEnvironmentVariable("GOPACK_SCALE_PROJECTS") ?? "8", System.Globalization.CultureInfo.InvariantCulture);
        var archive = ToolchainArchive.OfRealGo(environment);
        var cache = Directory.CreateDirectory(Path.Combine(environment.Root, "shared-cache-" + Guid.NewGuid().ToString("N")[..6])).FullName;
        var gocache = Path.Combine(environment.Root, "shared-gocache-" + Guid.NewGuid().ToString("N")[..6]);
        var solution = environment.CreateProject("all");
        var projects = Enumerable.Range(1, count).Select(i =>
        {
            var project = new TestProject(environment, solution.Path($"svc{i}"), $"svc{i}");
            project.Environment["GOCACHE"] = gocache;
            return project.WriteHelloModule($"service {i}", $"example.com/svc{i}");
        }).ToList();
        solution.WriteFile("all.proj", $"""
            <Project>
              <ItemGroup><P Include="svc*/*.gocsproj" /></ItemGroup>
              <Target Name="Build"><MSBuild Projects="@(P)" BuildInParallel="true" /></Target>
            </Project>
            """);
        solution.Environment["GOCACHE"] = gocache;
        using var server = new LoopbackServer().ServeFile(archive.FileName, archive.Path).Serve(GoDownloadSource.MirrorFeedFileName, ToolchainArchive.FeedJson(archive));
        var arguments = DownloadArguments(archive, cache, server.BaseUrl);

        var tag = Guid.NewGuid().ToString("N");
        solution.Environment[MemorySampler.Variable] = tag;
        var clock = Stopwatch.StartNew();
        ProcessResult parallel;
        using (var memory = new MemorySampler(tag))
        {
            parallel = solution.Dotnet(["build", solution.Path("all.proj"), "-m", .. arguments]);
            log.WriteLine($"{count} projects with -m, one download: {clock.Elapsed.TotalSeconds:0.0} s, peak {memory.PeakKiB / 1024} MiB in at most {memory.PeakProcesses} processes at once (dotnet, MSBuild nodes, go)");
        }
        Assert.True(parallel.ExitCode == 0, parallel.ToString());
        Assert.Equal(1, server.RequestCount(archive.FileName));
        var hashes = projects.Select(p => Hash(p.OutputFile())).ToList();
        for (var i = 0; i < count; i++) Assert.Equal($"service {i + 1}", projects[i].RunOutput().Output.Trim());

        // The same projects built one after the other give the same bytes.
        foreach (var project in projects)
        {
            Directory.Delete(project.Path("bin"), recursive: true);
            Directory.Delete(project.Path("obj"), recursive: true);
        }
        clock.Restart();
        var serial = solution.Dotnet(["build", solution.Path("all.proj"), "-m:1", .. arguments]);
        log.WriteLine($"{count} projects one by one, toolchain cached: {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.True(serial.ExitCode == 0, serial.ToString());
        Assert.Equal(hashes, projects.Select(p => Hash(p.OutputFile())));
        Assert.Equal(1, server.RequestCount(archive.FileName));
    }

    /// <summary>
    /// Starts dotnet with <paramref name="arguments"/>, waits for <paramref name="started"/>, sends SIGINT (Ctrl+C) and
    /// checks that every process below dotnet is gone within 2 s of dotnet's exit.
    /// </summary>
    private void Interrupt(TestProject project, string[] arguments, Func<bool> started, bool childrenExpected = true)
    {
        var startInfo = new ProcessStartInfo("dotnet") { WorkingDirectory = project.Directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments.Append("-nodeReuse:false")) startInfo.ArgumentList.Add(argument);
        foreach (var (name, value) in project.DotnetEnvironment())
        {
            if (value is null) startInfo.Environment.Remove(name);
            else startInfo.Environment[name] = value;
        }
        using var dotnet = Process.Start(startInfo)!;
        dotnet.BeginOutputReadLine();
        dotnet.BeginErrorReadLine();
        try
        {
            var deadline = DateTime.UtcNow.AddMinutes(3);
            while (!started() && DateTime.UtcNow < deadline && !dotnet.HasExited) Thread.Sleep(100);
            Assert.True(started(), $"dotnet {string.Join(" ", arguments)} never reached the point to interrupt");
            var tree = ProcessTree.Descendants(dotnet.Id);
            // go test and a hook run below dotnet; a download runs inside MSBuild, often in dotnet itself (no node).
            if (childrenExpected) Assert.NotEmpty(tree);

            var clock = Stopwatch.StartNew();
            Assert.Equal(0, ProcessRunner.Run("kill", ["-INT", dotnet.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], project.Directory).ExitCode);
            Assert.True(dotnet.WaitForExit(60_000), "dotnet did not stop after SIGINT");
            var exited = clock.Elapsed;
            var left = ProcessTree.WaitGone(tree.Select(p => p.Pid), TimeSpan.FromSeconds(2));
            log.WriteLine($"{arguments[0]} {Path.GetFileName(project.Directory)}: {tree.Count} processes below dotnet ({string.Join(", ", tree.Select(p => p.Name).Distinct())}); dotnet exited {exited.TotalSeconds:0.0} s after SIGINT, the rest within {clock.Elapsed.TotalSeconds:0.0} s");
            Assert.True(left.Count == 0, $"still running 2 s after dotnet exited: {string.Join(", ", tree.Where(p => left.Contains(p.Pid)))}");
            Assert.NotEqual(0, dotnet.ExitCode);
        }
        finally
        {
            if (!dotnet.HasExited) dotnet.Kill(entireProcessTree: true);
        }
    }

    /// <summary>A GOROOT whose bin/go runs <paramref name="before"/> and then the real go.</summary>
    private string GoWrapper(string name, string before)
    {
        var root = Path.Combine(environment.Root, "go-" + name + "-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(Path.Combine(root, "bin"));
        File.Copy(Path.Combine(environment.RealGo.GoRoot, "VERSION"), Path.Combine(root, "VERSION"));
        var script = Path.Combine(root, "bin", "go");
        File.WriteAllText(script, $"#!/bin/sh\n{before}\nGOROOT='{environment.RealGo.GoRoot}' exec '{environment.RealGo.GoExecutable}' \"$@\"\n");
        script.MakeExecutable();
        return root;
    }

    private string[] DownloadArguments(ToolchainArchive archive, string cache, string mirrorUrl) =>
    [
        $"-p:GoVersion={archive.Version}",
        "-p:GoToolchainPolicy=download",
        $"-p:GoToolchainFeed={mirrorUrl}",
        $"-p:GoToolchainCache={cache}",
    ];

    private static string Hash(string file) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file)));
}
