using System.Text.Json;
using GoPack.Sdk.Tests.Infrastructure;
using GoPack.Sdk.Toolchains;

namespace GoPack.Sdk.Tests.Unit;

/// <summary>
/// The probe against a fake go: a shell script that logs each run to a file and prints what `go env` would. The log
/// proves when a process was started and when the cache answered instead.
/// </summary>
public sealed class GoToolchainProbeTests : IDisposable
{
    private const string EnvArguments = "env GOVERSION GOROOT GOOS GOARCH";

    private readonly string _temp = Path.Combine(Path.GetTempPath(), "gopack-probe-" + Guid.NewGuid().ToString("N"));
    private readonly string _root;
    private readonly string _go;
    private readonly string _log;
    private readonly string _cacheFile;

    public GoToolchainProbeTests()
    {
        _root = Path.Combine(_temp, "go");
        _go = Path.Combine(_root, "bin", "go");
        _log = Path.Combine(_temp, "runs.log");
        _cacheFile = Path.Combine(_temp, "cache", GoToolchainProbe.CacheFileName);
        Directory.CreateDirectory(Path.Combine(_root, "bin"));
        WriteFakeGo("""printf '%s\n' go1.23.4 "$ROOT" linux amd64""");
    }

    public void Dispose()
    {
        if (Directory.Exists(_temp))
        {
            Directory.Delete(_temp, recursive: true);
        }
    }

    /// <summary>The cache file read as any JSON consumer would: executable path → entry.</summary>
    private Dictionary<string, JsonElement> CacheEntries()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(_cacheFile));
        Assert.Equal(1, document.RootElement.GetProperty("format").GetInt32());
        return document.RootElement.GetProperty("toolchains").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
    }

    private static bool CanRunScripts => !OperatingSystem.IsWindows();

    [Fact]
    public void A_miss_runs_go_env_once_and_caches_the_answer()
    {
        if (!CanRunScripts) return;

        var result = new GoToolchainProbe(_cacheFile).Probe(_go);

        Assert.True(result.Succeeded, result.Failure);
        Assert.False(result.FromCache);
        Assert.Equal(("go1.23.4", _root, "linux", "amd64"), (result.ReportedVersion, result.GoRoot, result.GoOs, result.GoArch));
        Assert.Equal("1.23.4", result.Version!.ToString());
        Assert.Equal(new[] { EnvArguments }, Runs());
        var file = new FileInfo(_go);
        var entry = Assert.Single(CacheEntries());
        Assert.Equal((_go, file.LastWriteTimeUtc.Ticks, file.Length, "go1.23.4", _root, "linux", "amd64"),
            (entry.Key, entry.Value.GetProperty("ticks").GetInt64(), entry.Value.GetProperty("size").GetInt64(), entry.Value.GetProperty("goVersion").GetString(),
             entry.Value.GetProperty("goRoot").GetString(), entry.Value.GetProperty("goOs").GetString(), entry.Value.GetProperty("goArch").GetString()));
    }

    [Fact]
    public void A_hit_starts_no_process_even_in_a_later_build()
    {
        if (!CanRunScripts) return;
        new GoToolchainProbe(_cacheFile).Probe(_go);

        // A new probe object reads the file, as the next build's task would.
        var again = new GoToolchainProbe(_cacheFile).Probe(_go);

        Assert.True(again.Succeeded, again.Failure);
        Assert.True(again.FromCache);
        Assert.Equal(("go1.23.4", _root, "linux", "amd64"), (again.ReportedVersion, again.GoRoot, again.GoOs, again.GoArch));
        Assert.Single(Runs());
    }

    [Fact]
    public void A_relative_path_is_cached_under_the_full_path()
    {
        if (!CanRunScripts) return;
        new GoToolchainProbe(_cacheFile).Probe(_go);

        var again = new GoToolchainProbe(_cacheFile).Probe(Path.GetRelativePath(Directory.GetCurrentDirectory(), _go));

        Assert.True(again.FromCache);
        Assert.Single(Runs());
    }

    [Fact]
    public void A_changed_last_write_time_asks_again()
    {
        if (!CanRunScripts) return;
        var probe = new GoToolchainProbe(_cacheFile);
        probe.Probe(_go);

        File.SetLastWriteTimeUtc(_go, File.GetLastWriteTimeUtc(_go).AddMinutes(5));
        var after = probe.Probe(_go);

        Assert.False(after.FromCache);
        Assert.Equal(2, Runs().Count);
        Assert.True(probe.Probe(_go).FromCache);
        Assert.Equal(2, Runs().Count);
        Assert.Single(CacheEntries());
    }

    [Fact]
    public void A_changed_size_asks_again_even_with_the_same_last_write_time()
    {
        if (!CanRunScripts) return;
        var probe = new GoToolchainProbe(_cacheFile);
        probe.Probe(_go);
        var written = File.GetLastWriteTimeUtc(_go);

        // An upgrade in place that kept the time stamp (cp -p, some package managers) still changes the size.
        WriteFakeGo("""printf '%s\n' go1.24.10 "$ROOT" linux amd64""");
        File.SetLastWriteTimeUtc(_go, written);
        var after = probe.Probe(_go);

        Assert.False(after.FromCache);
        Assert.Equal("go1.24.10", after.ReportedVersion);
    }

    [Fact]
    public void A_corrupt_cache_file_is_ignored_and_replaced_by_a_valid_one()
    {
        if (!CanRunScripts) return;
        Directory.CreateDirectory(Path.GetDirectoryName(_cacheFile)!);
        var file = new FileInfo(_go);
        // Entries of the wrong shape or missing a field, a file that is no JSON at all, one of another format.
        File.WriteAllText(_cacheFile, $$$"""
            {"format":1,"toolchains":{
              "{{{_go}}}":{"ticks":{{{file.LastWriteTimeUtc.Ticks}}},"size":{{{file.Length}}},"goVersion":"","goRoot":"{{{_root}}}","goOs":"linux","goArch":"amd64"},
              "/elsewhere/bin/go":{"ticks":{{{file.LastWriteTimeUtc.Ticks}}},"size":{{{file.Length}}},"goVersion":"go1.99.0","goRoot":"/elsewhere","goOs":"linux"} } }
            """);
        Assert.False(new GoToolchainProbe(_cacheFile).Probe(_go).FromCache);
        File.WriteAllText(_cacheFile, $"{{\"format\":1,\"toolchains\":{{\"{_go}\":{{\"ticks\":\"not-ticks\"}}}}}}");
        Assert.False(new GoToolchainProbe(_cacheFile).Probe(_go).FromCache);
        File.WriteAllText(_cacheFile, $"{{\"format\":99,\"toolchains\":{{\"{_go}\":{{\"ticks\":{file.LastWriteTimeUtc.Ticks},\"size\":{file.Length},\"goVersion\":\"go1.99.0\",\"goRoot\":\"{_root}\",\"goOs\":\"linux\",\"goArch\":\"amd64\"}}}}}}");
        Assert.False(new GoToolchainProbe(_cacheFile).Probe(_go).FromCache);
        File.WriteAllText(_cacheFile, "garbage\n\0\u0001\u0002binary\n" + $"{_go}\t{file.LastWriteTimeUtc.Ticks}\t{file.Length}\tgo1.99.0\t{_root}\tlinux\tamd64\n");
        File.Delete(_log);

        var result = new GoToolchainProbe(_cacheFile).Probe(_go);

        Assert.True(result.Succeeded, result.Failure);
        Assert.False(result.FromCache);
        Assert.Equal("go1.23.4", result.ReportedVersion);
        Assert.Single(Runs());
        Assert.Equal(_go, Assert.Single(CacheEntries()).Key);
        Assert.True(new GoToolchainProbe(_cacheFile).Probe(_go).FromCache);
    }

    [Fact]
    public void An_unreadable_cache_path_only_costs_a_probe()
    {
        if (!CanRunScripts) return;

        // A folder where the file should be: it can be neither read nor replaced.
        Directory.CreateDirectory(_cacheFile);

        var first = new GoToolchainProbe(_cacheFile).Probe(_go);
        var second = new GoToolchainProbe(_cacheFile).Probe(_go);

        Assert.True(first.Succeeded, first.Failure);
        Assert.True(second.Succeeded, second.Failure);
        Assert.Equal(2, Runs().Count);
        Assert.Empty(Directory.EnumerateFiles(Path.GetDirectoryName(_cacheFile)!));
    }

    [Fact]
    public void The_cache_file_is_replaced_whole_keeping_other_entries_and_leaving_no_temporary_file()
    {
        if (!CanRunScripts) return;
        Directory.CreateDirectory(Path.GetDirectoryName(_cacheFile)!);
        var other = """{"format":1,"toolchains":{"/opt/other/bin/go":{"ticks":638000000000000000,"size":1234,"goVersion":"go1.21.5","goRoot":"/opt/other","goOs":"linux","goArch":"amd64"}}}""";
        File.WriteAllText(_cacheFile, other + "\n");

        // A reader that opened the old file keeps seeing all of it: the new content arrives by rename, not by writes
        // into the file someone may be reading.
        using var reader = new StreamReader(new FileStream(_cacheFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
        new GoToolchainProbe(_cacheFile).Probe(_go);

        Assert.Equal(other + "\n", reader.ReadToEnd());
        var entries = CacheEntries();
        Assert.Equal(["/opt/other/bin/go", _go], entries.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("go1.21.5", entries["/opt/other/bin/go"].GetProperty("goVersion").GetString());
        Assert.Equal(new[] { _cacheFile }, Directory.GetFileSystemEntries(Path.GetDirectoryName(_cacheFile)!));
    }

    [Fact]
    public void Without_a_cache_file_every_probe_runs_go()
    {
        if (!CanRunScripts) return;
        var probe = new GoToolchainProbe(cacheFile: null);

        probe.Probe(_go);
        probe.Probe(_go);

        Assert.Equal(2, Runs().Count);
        Assert.False(File.Exists(_cacheFile));
    }

    [Fact]
    public void Go_runs_with_GOTOOLCHAIN_local_and_without_the_callers_GOROOT_GOOS_and_GOARCH()
    {
        if (!CanRunScripts) return;
        WriteFakeGo("""
            echo "GOTOOLCHAIN=$GOTOOLCHAIN GOROOT=${GOROOT-unset} GOOS=${GOOS-unset} GOARCH=${GOARCH-unset} GOENV=$GOENV PWD=$(pwd)" >> "$LOG.env"
            printf '%s\n' go1.23.4 "$ROOT" linux amd64
            """);

        // Setting GOOS here would leak into the builds other tests start meanwhile; the test host's own GOROOT, if
        // any, shows the removal well enough.
        Assert.True(new GoToolchainProbe(null).Probe(_go).Succeeded);

        Assert.Equal($"GOTOOLCHAIN=local GOROOT=unset GOOS=unset GOARCH=unset GOENV=off PWD={Path.GetDirectoryName(_go)}", File.ReadAllText(_log + ".env").Trim());
    }

    [Fact]
    public void A_development_build_is_answered_with_an_unknown_version()
    {
        if (!CanRunScripts) return;
        WriteFakeGo("""printf '%s\n' "devel go1.24-2b0f2f8 Tue Jun 4 17:30:00 2024 +0000" "$ROOT" linux amd64""");

        var result = new GoToolchainProbe(_cacheFile).Probe(_go);
        var cached = new GoToolchainProbe(_cacheFile).Probe(_go);

        Assert.True(result.Succeeded, result.Failure);
        Assert.Null(result.Version);
        Assert.True(cached.FromCache);
        Assert.Equal("devel go1.24-2b0f2f8 Tue Jun 4 17:30:00 2024 +0000", cached.ReportedVersion);
    }

    [Fact]
    public void A_go_that_cannot_run_fails_with_the_reason_and_is_not_cached()
    {
        if (OperatingSystem.IsWindows()) return;
        File.SetUnixFileMode(_go, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var result = new GoToolchainProbe(_cacheFile).Probe(_go);

        Assert.False(result.Succeeded);
        Assert.StartsWith($"cannot run {_go}: ", result.Failure);
        Assert.False(File.Exists(_cacheFile));
    }

    [Fact]
    public void A_go_that_fails_is_reported_with_its_exit_code_and_first_error_line_and_asked_again_next_time()
    {
        if (!CanRunScripts) return;
        WriteFakeGo("""echo "go: cannot find GOROOT directory" >&2; exit 2""");
        var probe = new GoToolchainProbe(_cacheFile);

        var result = probe.Probe(_go);
        probe.Probe(_go);

        Assert.Equal($"`go {EnvArguments}` exited with code 2: go: cannot find GOROOT directory", result.Failure);
        Assert.Equal(2, Runs().Count);
        Assert.False(File.Exists(_cacheFile));
    }

    [Theory]
    [InlineData("""echo 'hello'""")]
    [InlineData("""printf '%s\n' '' "$ROOT" linux amd64""")]
    [InlineData("""printf '%s\n' go1.23.4 relative/root linux amd64""")]
    [InlineData("""printf '%s\n' go1.23.4 "$ROOT" Linux amd64""")]
    [InlineData("""printf '%s\n' go1.23.4 "$ROOT" linux amd64 extra""")]
    public void Garbage_output_fails_showing_what_was_printed(string body)
    {
        if (!CanRunScripts) return;
        WriteFakeGo(body);

        var result = new GoToolchainProbe(_cacheFile).Probe(_go);

        Assert.False(result.Succeeded);
        Assert.Contains("instead of GOVERSION, GOROOT, GOOS and GOARCH", result.Failure);
        Assert.False(File.Exists(_cacheFile));
    }

    [Fact]
    public void A_go_that_hangs_is_stopped_after_the_timeout()
    {
        if (!CanRunScripts) return;
        WriteFakeGo("exec sleep 30");
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var result = new GoToolchainProbe(_cacheFile, TimeSpan.FromMilliseconds(300)).Probe(_go);

        Assert.Equal($"`go {EnvArguments}` did not answer within 0.3 s", result.Failure);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), clock.Elapsed.ToString());
    }

    [Fact]
    public void A_missing_executable_fails_without_running_anything()
    {
        var missing = Path.Combine(_temp, "nowhere", "go");

        var result = new GoToolchainProbe(_cacheFile).Probe(missing);

        Assert.Equal($"{missing} does not exist", result.Failure);
    }

    [Fact]
    public void The_default_timeout_is_five_seconds() =>
        Assert.Equal(TimeSpan.FromSeconds(5), new GoToolchainProbe(null).Timeout);

    private IReadOnlyList<string> Runs() => File.Exists(_log) ? File.ReadAllLines(_log) : [];

    private void WriteFakeGo(string body)
    {
        File.WriteAllText(_go, $"""
            #!/bin/sh
            LOG='{_log}'
            ROOT='{_root}'
            echo "$*" >> "$LOG"
            {body}

            """.ReplaceLineEndings("\n"));
        _go.MakeExecutable();
    }
}
