using System.IO.Compression;
using GoPack.Sdk.Tests.Infrastructure;

namespace GoPack.Sdk.Tests.EndToEnd;

/// <summary>
/// The seed platforms' settings, as environment variables and as properties, through real `dotnet build`s.
/// </summary>
public sealed class ProjectModelTests(TestEnvironment environment) : IClassFixture<TestEnvironment>
{
    private const string PrintVersion = "package main\n\nimport \"fmt\"\n\nvar version = \"dev\"\n\nfunc main() { fmt.Println(\"version\", version) }\n";

    /// <summary>A GOROOT with a VERSION file and a bin/go that only answers `go version`: for versions Go 1.19 can't be.</summary>
    private string FakeToolchains(params string[] versions)
    {
        var root = Path.Combine(environment.Root, "fake-toolchains-" + Guid.NewGuid().ToString("N")[..6]);
        foreach (var version in versions)
        {
            var goRoot = Path.Combine(root, "go-" + version);
            Directory.CreateDirectory(Path.Combine(goRoot, "bin"));
            File.WriteAllText(Path.Combine(goRoot, "VERSION"), "go" + version + "\n");
            var go = Path.Combine(goRoot, "bin", "go");
            File.WriteAllText(go, $"#!/bin/sh\necho \"go version go{version} linux/amd64\"\n");
            go.MakeExecutable();
        }
        return root;
    }

    [Theory]
    [InlineData("GoVersion property", "-p:GoVersion=1.22.0", null, null, "", "Go 1.22.0 (from GoVersion property)")]
    [InlineData("GOVERSION", "", "GOVERSION", "1.22", "", "Go 1.22 (from GOVERSION environment variable)")]
    [InlineData("RAILPACK_GO_VERSION", "", "RAILPACK_GO_VERSION", "1.23.4", "", "Go 1.23.4 (from RAILPACK_GO_VERSION environment variable)")]
    [InlineData("heroku comment", "", null, null, "// +heroku goVersion go1.22\n", "Go 1.22 (from go.mod // +heroku goVersion comment")]
    [InlineData("scalingo comment", "", null, null, "// +scalingo goVersion 1.23.4\n", "Go 1.23.4 (from go.mod // +scalingo goVersion comment")]
    [InlineData("toolchain line", "", null, null, "toolchain go1.23.4\n", "Go 1.23.4 (from go.mod toolchain line (go.mod:")]
    [InlineData("go line", "", null, null, "", "Go 1.19 (from go.mod go line (go.mod:")]
    public void Each_go_version_source_is_recorded_in_the_log(string name, string property, string? variable, string? value, string goModExtra, string expected)
    {
        _ = name;
        var fakes = FakeToolchains("1.22.0", "1.22.7", "1.23.4");
        var project = environment.CreateProject("version").WriteHelloModule();
        project.WriteFile("go.mod", "module example.com/version\n\n" + goModExtra + "go 1.19\n");
        if (variable != null) project.Environment[variable] = value;
        var arguments = new List<string> { "-t:ResolveGoToolchain", "-v:n", $"-p:GoToolchainSearchPaths={fakes}/go-*%3B{Path.GetDirectoryName(environment.RealGo.GoRoot)}/go-*" };
        if (property.Length > 0) arguments.Add(property);

        var build = project.Build([.. arguments]);

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains(expected, build.Output);
    }

    [Fact]
    public void A_go_1_22_request_takes_the_newest_fitting_toolchain_and_a_pin_takes_exactly_its_release()
    {
        var fakes = FakeToolchains("1.22.0", "1.22.7", "1.23.4");
        var project = environment.CreateProject("pick").WriteHelloModule();
        var search = $"-p:GoToolchainSearchPaths={fakes}/go-*";

        var minimum = project.Build("-t:ResolveGoToolchain", "-v:n", search, "-p:GoVersion=1.22");
        var pinned = project.Build("-t:ResolveGoToolchain", "-v:n", search, "-p:GoVersion=1.22.0");

        Assert.True(minimum.ExitCode == 0, minimum.ToString());
        // Issue 7: GoVersion=1.22 is the 1.22 line (README: "the newest 1.22.x"); it took the 1.23.4 before.
        Assert.Contains($"Go 1.22.7 at {fakes}/go-1.22.7", minimum.Output);
        Assert.True(pinned.ExitCode == 0, pinned.ToString());
        Assert.Contains($"Go 1.22.0 at {fakes}/go-1.22.0", pinned.Output);
    }

    [Fact]
    public void A_toolchain_older_than_the_project_needs_is_GOPACK0013_naming_both_versions()
    {
        var project = environment.CreateProject("tooold").WriteHelloModule();
        project.WriteFile("go.mod", "module example.com/tooold\n\ngo 1.19\n\ntoolchain go1.23.4\n");

        var build = project.Build($"-p:GoRoot={environment.RealGo.GoRoot}");

        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains($"{project.Path("go.mod")}(5): error GOPACK0013: go.mod toolchain line (go.mod:5) requires Go 1.23.4 or newer, but the toolchain found is Go 1.19.8", build.Output);
        // GoPack's error comes before go's own "unknown directive: toolchain".
        Assert.DoesNotContain("unknown directive", build.Output);
    }

    [Fact]
    public void A_legacy_Godeps_project_gets_a_migration_error()
    {
        var project = environment.CreateProject("godeps");
        project.WriteFile("Godeps/Godeps.json", "{\"ImportPath\": \"github.com/acme/legacy\", \"GoVersion\": \"go1.10\", \"Deps\": []}\n");
        project.WriteFile("main.go", "package main\n\nfunc main() {}\n");
        project.WriteProjectFile();

        var build = project.Build();

        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains("error GOPACK0008", build.Output);
        Assert.Contains("go mod init github.com/acme/legacy", build.Output);
    }

    [Fact]
    public void A_Makefile_project_with_CC_GO_BINARY_builds_through_make()
    {
        var project = environment.CreateProject("makeproj");
        project.WriteFile("main.go", "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"made by make\") }\n");
        project.WriteFile("Makefile", "BINARY=bin/myApp\n\nbuild:\n\tgo build -o ${BINARY} main.go\n");
        project.WriteProjectFile();
        project.Environment["CC_GO_BINARY"] = "bin/myApp";

        var build = project.Build("-v:n");

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains("built with makefile", build.Output);
        // Issue 7 changed the name: the binary keeps the name the Makefile gives it (it was renamed to the project's).
        Assert.Equal("made by make", ProcessRunner.Run(project.OutputFile(name: "myApp"), [], project.Directory).Output.Trim());
        Assert.False(File.Exists(project.OutputFile()));

        var named = project.Build("-p:GoBinaryName=svc");
        Assert.True(named.ExitCode == 0, named.ToString());
        Assert.Equal("made by make", ProcessRunner.Run(project.OutputFile(name: "svc"), [], project.Directory).Output.Trim());

        // dotnet clean removes what make wrote in the source tree too.
        Assert.True(File.Exists(project.Path("bin/myApp")));
        var clean = project.Dotnet("clean", project.ProjectFile, "-p:GoBinaryName=svc");
        Assert.True(clean.ExitCode == 0, clean.ToString());
        Assert.False(File.Exists(project.Path("bin/myApp")));
        Assert.False(File.Exists(project.OutputFile(name: "svc")));
    }

    [Fact]
    public void A_vendored_dependency_builds_with_mod_vendor()
    {
        var project = environment.CreateProject("vendored");
        project.WriteFile("go.mod", "module example.com/vendored\n\ngo 1.19\n\nrequire example.com/greet v1.0.0\n");
        project.WriteFile("main.go", "package main\n\nimport (\n\t\"fmt\"\n\n\t\"example.com/greet\"\n)\n\nfunc main() { fmt.Println(greet.Hello()) }\n");
        project.WriteFile("vendor/modules.txt", "# example.com/greet v1.0.0\n## explicit\nexample.com/greet\n");
        project.WriteFile("vendor/example.com/greet/greet.go", "package greet\n\nfunc Hello() string { return \"hello from vendor\" }\n");
        project.WriteProjectFile();

        var build = project.Build("-v:n");

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains("-mod=vendor", build.Output);
        Assert.Equal("hello from vendor", project.RunOutput().Output.Trim());
    }

    [Fact]
    public void Modules_are_downloaded_from_a_file_GOPROXY()
    {
        var proxy = Path.Combine(environment.Root, "goproxy-" + Guid.NewGuid().ToString("N")[..6]);
        var versionDirectory = Path.Combine(proxy, "example.com", "greet", "@v");
        Directory.CreateDirectory(versionDirectory);
        File.WriteAllText(Path.Combine(versionDirectory, "list"), "v1.0.0\n");
        File.WriteAllText(Path.Combine(versionDirectory, "v1.0.0.info"), "{\"Version\":\"v1.0.0\",\"Time\":\"2024-01-01T00:00:00Z\"}\n");
        File.WriteAllText(Path.Combine(versionDirectory, "v1.0.0.mod"), "module example.com/greet\n\ngo 1.19\n");
        using (var zip = ZipFile.Open(Path.Combine(versionDirectory, "v1.0.0.zip"), ZipArchiveMode.Create))
        {
            void Add(string name, string content)
            {
                using var writer = new StreamWriter(zip.CreateEntry("example.com/greet@v1.0.0/" + name).Open());
                writer.Write(content);
            }
            Add("go.mod", "module example.com/greet\n\ngo 1.19\n");
            Add("greet.go", "package greet\n\nfunc Hello() string { return \"hello from the proxy\" }\n");
        }

        var project = environment.CreateProject("proxied");
        project.WriteFile("go.mod", "module example.com/proxied\n\ngo 1.19\n\nrequire example.com/greet v1.0.0\n");
        project.WriteFile("main.go", "package main\n\nimport (\n\t\"fmt\"\n\n\t\"example.com/greet\"\n)\n\nfunc main() { fmt.Println(greet.Hello()) }\n");
        project.WriteProjectFile();
        project.Environment["GOPROXY"] = "file://" + proxy;
        project.Environment["GONOSUMDB"] = "example.com";
        project.Environment["GOFLAGS"] = "-mod=mod";
        project.Environment["GOMODCACHE"] = Path.Combine(environment.Root, "modcache-" + Guid.NewGuid().ToString("N")[..6]);

        var build = project.Build();

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Equal("hello from the proxy", project.RunOutput().Output.Trim());
    }

    [Fact]
    public void Linker_symbols_come_from_GO_LINKER_SYMBOL_and_GoLinkerSymbol_items_and_GO_BUILD_FLAGS_replaces_the_defaults()
    {
        var project = environment.CreateProject("linker");
        project.WriteFile("go.mod", "module example.com/linker\n\ngo 1.19\n");
        project.WriteFile("main.go", PrintVersion);
        project.WriteProjectFile();

        project.Environment["GO_LINKER_SYMBOL"] = "main.version";
        project.Environment["GO_LINKER_VALUE"] = "from-heroku-env";
        var heroku = project.Build();
        Assert.True(heroku.ExitCode == 0, heroku.ToString());
        Assert.Equal("version from-heroku-env", project.RunOutput().Output.Trim());

        project.Environment.Remove("GO_LINKER_SYMBOL");
        project.Environment.Remove("GO_LINKER_VALUE");
        project.WriteProjectFile("<ItemGroup><GoLinkerSymbol Include=\"main.version=from-item\" /></ItemGroup>");
        var item = project.Build();
        Assert.True(item.ExitCode == 0, item.ToString());
        Assert.Equal("version from-item", project.RunOutput().Output.Trim());

        project.WriteProjectFile();
        project.Environment["GO_BUILD_FLAGS"] = "-ldflags '-X main.version=from-vercel'";
        var vercel = project.Build("-c", "Release", "-v:n");
        Assert.True(vercel.ExitCode == 0, vercel.ToString());
        Assert.Equal("version from-vercel", project.RunOutput("Release").Output.Trim());
        Assert.DoesNotContain("-s -w", vercel.Output);
    }

    [Fact]
    public void CC_TROUBLESHOOT_adds_x_and_race_and_turns_cgo_on()
    {
        var project = environment.CreateProject("troubleshoot").WriteHelloModule("racy");
        project.Environment["CC_TROUBLESHOOT"] = "true";

        var build = project.Build("-v:n");

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains("CGO_ENABLED=1", build.Output);
        Assert.Contains(" -x ", build.Output);
        Assert.Contains("-race", build.Output);
        Assert.Contains("WORK=", build.Output); // go's -x trace is shown at normal verbosity
        Assert.Contains("-race=true", ProcessRunner.Run(environment.RealGo.GoExecutable, ["version", "-m", project.OutputFile()], project.Directory).Output);
    }

    [Fact]
    public void Cgo_without_a_C_compiler_is_GOPACK0014_not_gcc_s_error()
    {
        var project = environment.CreateProject("nocc").WriteHelloModule();
        project.Environment["CC"] = "/nonexistent/gcc";

        var build = project.Build("-p:CgoEnabled=true");

        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains("error GOPACK0014: CGO is on (CgoEnabled property), but no C compiler was found", build.Output);
        Assert.Contains("CgoEnabled=false", build.Output);
    }

    [Fact]
    public void Hooks_run_around_the_build_and_a_failing_hook_fails_it_with_its_output()
    {
        var project = environment.CreateProject("hooks").WriteHelloModule();
        project.WriteFile("bin/go-pre-compile", "#!/bin/sh\necho pre-compile ran in $(pwd)\necho generated > pre.txt\n");
        project.Path("bin/go-pre-compile").MakeExecutable();
        project.Environment["CC_POST_BUILD_HOOK"] = "echo post-build hook with $GOPACK_OUTPUT_DIR; ls \"$GOPACK_OUTPUT_DIR\" > post.txt";

        var build = project.Build("-p:GoPreBuildCommand=go version");

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains($"pre-compile ran in {project.Directory}", build.Output);
        Assert.Contains("go version go1.19.8", build.Output); // GoPreBuildCommand, with the chosen go on PATH
        Assert.Equal("generated", File.ReadAllText(project.Path("pre.txt")).Trim());
        Assert.Contains("hooks", File.ReadAllText(project.Path("post.txt")));

        project.Environment["CC_PRE_BUILD_HOOK"] = "echo about to fail; exit 3";
        project.Path("main.go").Touch();
        var failing = project.Build();
        Assert.NotEqual(0, failing.ExitCode);
        Assert.Contains("error GOPACK0015: The pre-build hook CC_PRE_BUILD_HOOK failed with exit code 3: about to fail", failing.Output);
    }

    [Fact]
    public void A_Procfile_is_published_with_the_binaries_never_written_by_a_build_and_never_over_the_users()
    {
        // GoPackageRuntime=false: only the publish folder matters here (PublishTests covers the archives).
        var single = environment.CreateProject("procone").WriteHelloModule();
        Assert.Equal(0, single.Build().ExitCode);
        Assert.False(File.Exists(single.Path("bin/Debug/Procfile")), "a build writes no Procfile: it belongs to what gets deployed");
        Assert.Equal(0, single.Dotnet("publish", single.ProjectFile, "-p:GoPackageRuntime=false").ExitCode);
        Assert.Equal("web: ./procone", File.ReadAllText(single.Path("bin/Release/publish/Procfile")).Trim());

        single.Environment["CC_RUN_COMMAND"] = "./procone --port 8080";
        Assert.Equal(0, single.Dotnet("publish", single.ProjectFile, "-p:GoPackageRuntime=false").ExitCode);
        Assert.Equal("web: ./procone --port 8080", File.ReadAllText(single.Path("bin/Release/publish/Procfile")).Trim());

        var several = environment.CreateProject("procmany");
        several.WriteFile("go.mod", "module example.com/procmany\n\ngo 1.19\n");
        several.WriteFile("cmd/api/main.go", "package main\n\nfunc main() {}\n");
        several.WriteFile("cmd/worker/main.go", "package main\n\nfunc main() {}\n");
        several.WriteProjectFile();
        Assert.Equal(0, several.Dotnet("publish", several.ProjectFile, "-p:GoPackageRuntime=false").ExitCode);
        Assert.Equal(["api: ./api", "worker: ./worker"], File.ReadAllLines(several.Path("bin/Release/publish/Procfile")));

        var own = environment.CreateProject("procown").WriteHelloModule();
        own.WriteFile("Procfile", "web: ./custom\n");
        Assert.Equal(0, own.Dotnet("publish", own.ProjectFile, "-p:GoPackageRuntime=false").ExitCode);
        Assert.Equal("web: ./custom\n", File.ReadAllText(own.Path("bin/Release/publish/Procfile")));
        Assert.Equal("web: ./custom\n", File.ReadAllText(own.Path("Procfile")));

        var none = environment.CreateProject("procnone").WriteHelloModule();
        Assert.Equal(0, none.Dotnet("publish", none.ProjectFile, "-p:GoPackageRuntime=false", "-p:GoGenerateProcfile=false").ExitCode);
        Assert.False(File.Exists(none.Path("bin/Release/publish/Procfile")));
    }

    [Fact]
    public void Git_credentials_reach_go_but_never_the_log_or_the_binlog()
    {
        const string password = "S3cretPassw0rd";
        const string token = "T0kenValue987";
        var go = new CountingGo(environment, "^(GIT_CONFIG|GOPRIVATE|GIT_TERMINAL)");

        var project = environment.CreateProject("private");
        project.WriteFile("go.mod", "module example.com/private\n\ngo 1.19\n\nrequire git.example.com/team/lib v1.0.0\n");
        project.WriteFile("main.go", "package main\n\nimport \"git.example.com/team/lib\"\n\nfunc main() { lib.Run() }\n");
        project.WriteProjectFile();
        project.Environment["GO_GIT_CRED__HTTPS__GIT__EXAMPLE__COM"] = "deploy:" + password;
        project.Environment["GIT_CREDENTIALS"] = $"https://bot:{token}@git.example.org";
        project.Environment["GOPROXY"] = "off";
        project.Environment["GOFLAGS"] = "-mod=mod";
        var binlog = project.Path("build.binlog");

        var build = project.Build(go.GoRootProperty, "-v:diag", "-bl:" + binlog);

        Assert.NotEqual(0, build.ExitCode); // nothing can be fetched here; what matters is what was said on the way
        Assert.Contains("git credentials for https://git.example.com (from GO_GIT_CRED__HTTPS__GIT__EXAMPLE__COM)", build.Output);
        foreach (var secret in new[] { password, token, Uri.EscapeDataString(password) })
        {
            Assert.DoesNotContain(secret, build.Output);
            Assert.DoesNotContain(secret, BinlogText(binlog));
        }
        var given = go.RecordedEnvironment;
        Assert.Contains($"deploy:{password}@git.example.com/", given);
        Assert.Contains("GOPRIVATE=", given);
        Assert.Contains("git.example.com", given);
    }

    [Fact]
    public void A_project_file_in_a_sub_folder_builds_the_module_above_and_rebuilds_on_its_changes()
    {
        var go = new CountingGo(environment);
        var repo = environment.CreateProject("nested");
        repo.WriteHelloModule("from the module root");
        var project = new TestProject(environment, repo.Path("build"), "svc").WriteProjectFile();

        var first = project.Build(go.GoRootProperty);
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal("from the module root", project.RunOutput().Output.Trim());
        Assert.Single(go.Builds);

        Assert.Equal(0, project.Build(go.GoRootProperty).ExitCode);
        Assert.Single(go.Builds);

        repo.WriteHelloModule("changed at the root");
        Assert.Equal(0, project.Build(go.GoRootProperty).ExitCode);
        Assert.Equal(2, go.Builds.Count);
        Assert.Equal("changed at the root", project.RunOutput().Output.Trim());
    }

    [Fact]
    public void CC_GO_BUILD_TOOL_gobuild_with_CC_GO_PKG_builds_that_file_and_CC_GO_RUNDIR_warns()
    {
        var project = environment.CreateProject("gobuildtool");
        project.WriteFile("go.mod", "module example.com/gobuildtool\n\ngo 1.19\n");
        project.WriteFile("cmd/server.go", "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"server\") }\n");
        project.WriteProjectFile();
        project.Environment["CC_GO_BUILD_TOOL"] = "gobuild";
        project.Environment["CC_GO_PKG"] = "cmd/server.go";
        project.Environment["CC_GO_RUNDIR"] = "src/app";

        var build = project.Build("-p:GoBinaryNaming=clevercloud", "-v:n");

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains("built with gobuild", build.Output);
        Assert.Contains("warning GOPACK0012", build.Output);
        Assert.Contains("CC_GO_RUNDIR", build.Output);
        Assert.Equal("server", ProcessRunner.Run(project.OutputFile(name: "server"), [], project.Directory).Output.Trim());
    }

    [Fact]
    public void CGO_CFLAGS_passes_through_to_a_cgo_build()
    {
        var project = environment.CreateProject("cgoflags");
        project.WriteFile("go.mod", "module example.com/cgoflags\n\ngo 1.19\n");
        project.WriteFile("main.go", "package main\n\n// static int answer(void) { return ANSWER; }\nimport \"C\"\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"answer\", C.answer()) }\n");
        project.WriteProjectFile();
        project.Environment["CGO_ENABLED"] = "1";
        project.Environment["CGO_CFLAGS"] = "-DANSWER=42";

        var build = project.Build();

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Equal("answer 42", project.RunOutput().Output.Trim());
    }

    [Fact]
    public void Dotnet_run_uses_GoRunCommand_in_the_output_directory_with_the_arguments()
    {
        var project = environment.CreateProject("runcmd");
        project.WriteFile("go.mod", "module example.com/runcmd\n\ngo 1.19\n");
        project.WriteFile("main.go", "package main\n\nimport (\n\t\"fmt\"\n\t\"os\"\n)\n\nfunc main() { fmt.Println(\"args:\", os.Args[1:]) }\n");
        project.WriteProjectFile("<PropertyGroup><GoRunCommand>./runcmd --from-run-command \"two words\"</GoRunCommand></PropertyGroup>");

        var run = project.Dotnet("run", "--project", project.ProjectFile, "--", "extra", "a b");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("args: [--from-run-command two words extra a b]", run.Output);
        Assert.False(File.Exists(project.Path("bin/Debug/Procfile")));
    }

    [Fact]
    public void Go_environment_settings_reach_go_unchanged()
    {
        var go = new CountingGo(environment, "^(GOPRIVATE|GONOPROXY|GONOSUMDB|GOFLAGS|CGO_CPPFLAGS|CGO_CXXFLAGS|CGO_LDFLAGS)=");
        var project = environment.CreateProject("passthrough").WriteHelloModule();
        project.Environment["GOPRIVATE"] = "corp.example.com";
        project.Environment["GONOPROXY"] = "corp.example.com/x";
        project.Environment["GONOSUMDB"] = "corp.example.com/y";
        project.Environment["GOFLAGS"] = "-mod=mod";
        project.Environment["CGO_CPPFLAGS"] = "-DCPP";
        project.Environment["CGO_CXXFLAGS"] = "-DCXX";
        project.Environment["CGO_LDFLAGS"] = "-lm";
        // Credentials must not overwrite a GOPRIVATE the user chose.
        project.Environment["GO_GIT_CRED__HTTPS__GIT__EXAMPLE__COM"] = "token-value-1234";

        var build = project.Build(go.GoRootProperty);

        Assert.True(build.ExitCode == 0, build.ToString());
        var seen = go.RecordedEnvironment;
        foreach (var expected in new[] { "GOPRIVATE=corp.example.com\n", "GONOPROXY=corp.example.com/x", "GONOSUMDB=corp.example.com/y", "GOFLAGS=-mod=mod", "CGO_CPPFLAGS=-DCPP", "CGO_CXXFLAGS=-DCXX", "CGO_LDFLAGS=-lm" })
        {
            Assert.Contains(expected, seen);
        }
    }

    [Fact]
    public void GOOS_in_the_environment_cross_compiles_and_names_the_binary_for_it()
    {
        var project = environment.CreateProject("cross").WriteHelloModule();
        project.Environment["GOOS"] = "windows";

        var build = project.Build();

        Assert.True(build.ExitCode == 0, build.ToString());
        var exe = project.Path("bin/Debug/cross.exe");
        Assert.True(File.Exists(exe), build.Output);
        Assert.Contains("GOOS=windows", ProcessRunner.Run(environment.RealGo.GoExecutable, ["version", "-m", exe], project.Directory).Output);
    }

    [Fact]
    public void Backslashes_in_flags_reach_go_unchanged()
    {
        var project = environment.CreateProject("backslash");
        project.WriteFile("go.mod", "module example.com/backslash\n\ngo 1.19\n");
        project.WriteFile("main.go", PrintVersion);
        // A property, not an item: MSBuild itself turns backslashes in item specs into slashes on Unix.
        project.WriteProjectFile("<PropertyGroup><GoLdFlags>-X 'main.version=C:\\tools\\v1'</GoLdFlags></PropertyGroup>");

        var build = project.Build();

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Equal("version C:\\tools\\v1", project.RunOutput().Output.Trim());
    }

    private static string BinlogText(string path)
    {
        using var stream = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        var bytes = memory.ToArray();
        // Strings are stored as UTF-8; look at the bytes as text in both common encodings.
        return System.Text.Encoding.UTF8.GetString(bytes) + System.Text.Encoding.Unicode.GetString(bytes);
    }
}
