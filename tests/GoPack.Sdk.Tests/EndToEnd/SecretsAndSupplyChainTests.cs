using System.IO.Compression;
using System.Text;
using GoPack.Sdk.Tests.Infrastructure;

namespace GoPack.Sdk.Tests.EndToEnd;

/// <summary>
/// Secrets (GO_GIT_CRED__*, GIT_CREDENTIALS, a token in a GOPROXY/GOPRIVATE URL) reach go's environment and nothing
/// else: not the console at any verbosity, not a -bl binlog (replayed by MSBuild itself and read raw), not obj/ or
/// bin/, not a file under the user's home; across build, test and publish. And the supply chain: go.mod/go.sum are
/// never edited unless the user asks, checksum checks are never weakened by GoPack, the source tree is never written.
/// </summary>
public sealed class SecretsAndSupplyChainTests(TestEnvironment environment) : IClassFixture<TestEnvironment>
{
    private const string Secret = "GoPackFakeSecret7Q2x";

    [Fact]
    public void A_fake_secret_in_every_credential_setting_is_never_written_anywhere_by_build_test_or_publish()
    {
        var go = new CountingGo(environment, "^(GIT_CONFIG_|GOPROXY|GOPRIVATE|GONOSUMDB|GOSUMDB|GOINSECURE|GOFLAGS)");
        var home = Directory.CreateDirectory(Path.Combine(environment.Root, "home-" + Guid.NewGuid().ToString("N")[..6])).FullName;
        var project = environment.CreateProject("secrets").WriteHelloModule("no secret here");
        project.WriteFile("main_test.go", "package main\n\nimport \"testing\"\n\nfunc TestNothing(t *testing.T) {}\n");
        var sources = TreeSnapshot.Take(project.Directory);
        project.Environment["HOME"] = home;
        project.Environment["DOTNET_CLI_HOME"] = home;
        project.Environment["GO_GIT_CRED__HTTPS__GIT__EXAMPLE__COM"] = "deploy:" + Secret + "1";
        project.Environment["GIT_CREDENTIALS"] = $"https://bot:{Secret}2@git.example.org/team";
        project.Environment["GOPROXY"] = $"https://user:{Secret}3@proxy.example.invalid/go,off";
        project.Environment["GOPRIVATE"] = $"https://user:{Secret}4@private.example.invalid";
        project.Environment["GOFLAGS"] = null;
        project.Environment["GONOSUMDB"] = null;
        project.Environment["GOSUMDB"] = null;
        project.Environment["GOINSECURE"] = null;
        var binlogs = Path.Combine(environment.Root, "binlogs-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(binlogs);

        var outputs = new List<(string What, string Text)>();
        void Run(string what, params string[] arguments)
        {
            var result = project.Dotnet([.. arguments, go.GoRootProperty]);
            Assert.True(result.ExitCode == 0, $"{what}: {result}");
            outputs.Add((what, result.Output));
        }
        foreach (var verbosity in new[] { "q", "m", "n", "d", "diag" })
        {
            // Rebuild: go runs (and says what it says) at every verbosity.
            Run("build -v:" + verbosity, "build", project.ProjectFile, "-t:Rebuild", "-v:" + verbosity, $"-bl:{binlogs}/build-{verbosity}.binlog");
        }
        Run("test", "test", project.ProjectFile, "-v:diag", $"-bl:{binlogs}/test.binlog");
        Run("publish", "publish", project.ProjectFile, "-v:diag", $"-bl:{binlogs}/publish.binlog");

        var forms = new[] { Secret, Uri.EscapeDataString(Secret) }.Distinct().ToList();
        foreach (var (what, text) in outputs) AssertNoSecret(what + " console output", text);
        foreach (var binlog in Directory.EnumerateFiles(binlogs, "*.binlog"))
        {
            AssertNoSecret(binlog + " (raw)", BinlogBytes(binlog));
            var replayed = binlog + ".txt";
            var replay = ProcessRunner.Run("dotnet", ["msbuild", binlog, "-noconlog", $"-flp:logfile={replayed};verbosity=diagnostic"], binlogs);
            Assert.True(replay.ExitCode == 0, replay.ToString());
            Assert.Contains("GoBuild", File.ReadAllText(replayed));
            AssertNoSecret(replayed, File.ReadAllText(replayed));
        }
        foreach (var root in new[] { project.Path("obj"), project.Path("bin"), home })
        {
            foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
            {
                AssertNoSecret(file, Encoding.Latin1.GetString(File.ReadAllBytes(file)));
            }
        }
        Assert.NotEmpty(Directory.EnumerateFiles(home, "*", SearchOption.AllDirectories)); // the grep read something: go's cache lives there

        // go got the credentials, through its environment only; and the proxy setting as the user wrote it.
        var given = go.RecordedEnvironment;
        Assert.Contains($"deploy:{Secret}1@git.example.com/", given);
        Assert.Contains($"bot:{Secret}2@git.example.org/", given);
        Assert.Contains($"GOPROXY=https://user:{Secret}3@proxy.example.invalid/go,off", given);
        TreeSnapshotAssert.Unchanged(project.Directory, sources);

        void AssertNoSecret(string where, string text)
        {
            foreach (var form in forms) Assert.False(text.Contains(form, StringComparison.Ordinal), $"{form} found in {where}");
        }
    }

    [Fact]
    public void A_build_that_needs_a_go_sum_change_fails_clearly_and_edits_nothing_unless_the_user_asks()
    {
        var proxy = FileProxy();
        var go = new CountingGo(environment, "^(GOFLAGS|GONOSUMDB|GONOSUMCHECK|GOSUMDB|GOINSECURE|GOPRIVATE|GONOPROXY)=");
        var project = environment.CreateProject("readonly");
        project.WriteFile("go.mod", "module example.com/readonly\n\ngo 1.19\n\nrequire example.com/greet v1.0.0\n");
        project.WriteFile("main.go", "package main\n\nimport (\n\t\"fmt\"\n\n\t\"example.com/greet\"\n)\n\nfunc main() { fmt.Println(greet.Hello()) }\n");
        project.WriteProjectFile();
        project.Environment["GOPROXY"] = "file://" + proxy;
        project.Environment["GOMODCACHE"] = Path.Combine(environment.Root, "modcache-" + Guid.NewGuid().ToString("N")[..6]);
        foreach (var name in new[] { "GOFLAGS", "GONOSUMDB", "GONOSUMCHECK", "GOSUMDB", "GOINSECURE", "GOPRIVATE", "GONOPROXY" }) project.Environment[name] = null;
        project.Environment["GOSUMDB"] = "off"; // no checksum database here: the check below is go.sum's own
        var before = TreeSnapshot.Take(project.Directory);

        var refused = project.Build(go.GoRootProperty);

        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("missing go.sum entry", refused.Output);
        Assert.Matches(@"error GO\d{4}:", refused.Output);
        Assert.False(File.Exists(project.Path("go.sum")));
        TreeSnapshotAssert.Unchanged(project.Directory, before);
        // GoPack set none of go's module-weakening settings: only what the test itself set reached go.
        Assert.Equal("GOSUMDB=off", string.Join("\n", go.RecordedEnvironment.Split('\n', StringSplitOptions.RemoveEmptyEntries).Distinct()));

        // Asked for (GOFLAGS=-mod=mod, as go documents), go may write go.sum; the build then succeeds.
        project.Environment["GOFLAGS"] = "-mod=mod";
        var allowed = project.Build(go.GoRootProperty);
        Assert.True(allowed.ExitCode == 0, allowed.ToString());
        Assert.True(File.Exists(project.Path("go.sum")));
        Assert.Equal("hello from the proxy", project.RunOutput().Output.Trim());
    }

    private static string BinlogBytes(string path)
    {
        using var stream = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        var bytes = memory.ToArray();
        return Encoding.UTF8.GetString(bytes) + Encoding.Unicode.GetString(bytes);
    }

    /// <summary>A GOPROXY folder serving example.com/greet v1.0.0.</summary>
    private string FileProxy()
    {
        var proxy = Path.Combine(environment.Root, "goproxy-" + Guid.NewGuid().ToString("N")[..6]);
        var versions = Directory.CreateDirectory(Path.Combine(proxy, "example.com", "greet", "@v")).FullName;
        File.WriteAllText(Path.Combine(versions, "list"), "v1.0.0\n");
        File.WriteAllText(Path.Combine(versions, "v1.0.0.info"), "{\"Version\":\"v1.0.0\",\"Time\":\"2024-01-01T00:00:00Z\"}\n");
        File.WriteAllText(Path.Combine(versions, "v1.0.0.mod"), "module example.com/greet\n\ngo 1.19\n");
        using var zip = ZipFile.Open(Path.Combine(versions, "v1.0.0.zip"), ZipArchiveMode.Create);
        foreach (var (name, content) in new[] { ("go.mod", "module example.com/greet\n\ngo 1.19\n"), ("greet.go", "package greet\n\nfunc Hello() string { return \"hello from the proxy\" }\n") })
        {
            using var writer = new StreamWriter(zip.CreateEntry("example.com/greet@v1.0.0/" + name).Open());
            writer.Write(content);
        }
        return proxy;
    }
}
