using System.IO.Compression;
using System.Text.Json;
using GoPack.Sdk.Tests.Infrastructure;

namespace GoPack.Sdk.Tests.EndToEnd;

/// <summary>dotnet publish, RuntimeIdentifiers and PackageRuntime on real projects, read back with tar, unzip, sha256sum and go.</summary>
public sealed class PublishTests(TestEnvironment environment) : IClassFixture<TestEnvironment>
{
    [Fact]
    public void Publish_with_RuntimeIdentifiers_cross_compiles_every_RID_family_archives_each_and_checksums_them_all()
    {
        // RID → what the header of its binary must say, and the archive goreleaser would name.
        var expected = new (string Rid, string Format, string Archive)[]
        {
            ("linux-x64", "ELF64 x86-64", "multi_1.0.0_linux_amd64.tar.gz"),
            ("linux-arm64", "ELF64 aarch64", "multi_1.0.0_linux_arm64.tar.gz"),
            ("linux-arm", "ELF32 arm", "multi_1.0.0_linux_armv7.tar.gz"),
            ("linux-x86", "ELF32 x86", "multi_1.0.0_linux_386.tar.gz"),
            ("linux-musl-arm64", "ELF64 aarch64", "multi_1.0.0_linux_arm64_musl.tar.gz"),
            ("linux-riscv64", "ELF64 riscv", "multi_1.0.0_linux_riscv64.tar.gz"),
            ("linux-s390x", "ELF64 s390x", "multi_1.0.0_linux_s390x.tar.gz"),
            ("win-x64", "PE x64", "multi_1.0.0_windows_amd64.zip"),
            ("win-arm64", "PE arm64", "multi_1.0.0_windows_arm64.zip"),
            ("osx-x64", "Mach-O x86-64", "multi_1.0.0_darwin_amd64.tar.gz"),
            ("osx-arm64", "Mach-O arm64", "multi_1.0.0_darwin_arm64.tar.gz"),
            ("freebsd-x64", "ELF64 FreeBSD x86-64", "multi_1.0.0_freebsd_amd64.tar.gz"),
            ("openbsd-x64", "ELF64 x86-64", "multi_1.0.0_openbsd_amd64.tar.gz"),
            ("browser-wasm", "wasm", "multi_1.0.0_js_wasm.tar.gz"),
        };
        var project = environment.CreateProject("multi");
        project.WriteFile("go.mod", "module example.com/multi\n\ngo 1.19\n");
        // No imports: each target compiles only the runtime, which keeps fourteen cross builds cheap.
        project.WriteFile("main.go", "package main\n\nfunc main() { println(\"multi\") }\n");
        project.WriteFile("LICENSE", "MIT\n");
        project.WriteProjectFile($"<PropertyGroup><RuntimeIdentifiers>{string.Join(";", expected.Select(e => e.Rid))}</RuntimeIdentifiers></PropertyGroup>");

        var publish = project.Dotnet("publish", project.ProjectFile, "-m");

        Assert.True(publish.ExitCode == 0, publish.ToString());
        Assert.DoesNotContain("warning", publish.Output, StringComparison.OrdinalIgnoreCase);
        var release = project.Path("bin/Release");
        foreach (var (rid, format, archive) in expected)
        {
            var binary = Path.Combine(release, rid, "publish", rid.StartsWith("win", StringComparison.Ordinal) ? "multi.exe" : "multi");
            Assert.True(File.Exists(binary), $"{rid}: {binary} is missing\n{publish.Output}");
            Assert.Equal((rid, format), (rid, BinaryFormat.Describe(binary)));
            Assert.Contains($"multi -> {Path.Combine(release, archive)}", publish.Output);
            // go version -m can't read a WebAssembly module's build info: no SBOM for it.
            Assert.Equal(rid != "browser-wasm", File.Exists(Path.Combine(release, archive + ".cdx.json")));
        }

        // GOARM=7 for linux-arm, and no VCS stamp outside git (-buildvcs=false, not a failure).
        var armInfo = Go("version", "-m", Path.Combine(release, "linux-arm", "multi"));
        Assert.Contains("GOARM=7", armInfo);
        Assert.DoesNotContain("vcs", armInfo);

        // One checksums file over every RID, which sha256sum verifies.
        var checksums = File.ReadAllLines(Path.Combine(release, "multi_1.0.0_checksums.txt"));
        Assert.Equal(expected.Select(e => e.Archive).Order(StringComparer.Ordinal), checksums.Select(l => l.Split("  ")[1]));
        var verify = ProcessRunner.Run("sha256sum", ["-c", "multi_1.0.0_checksums.txt"], release);
        Assert.True(verify.ExitCode == 0, verify.ToString());
        Assert.Equal(expected.Length, verify.Output.Split('\n').Count(l => l.EndsWith(": OK", StringComparison.Ordinal)));

        // A tar.gz: the binary 0755, the license, the SBOM; a zip for Windows with the same content.
        var listing = ProcessRunner.Run("tar", ["-tvzf", "multi_1.0.0_linux_arm64.tar.gz"], release);
        Assert.Matches(@"-rwxr-xr-x 0/0 +\d+ \S+ \S+ multi\n", listing.Output);
        Assert.Matches(@"-rw-r--r-- 0/0 +\d+ \S+ \S+ LICENSE\n", listing.Output);
        Assert.Matches(@"-rw-r--r-- 0/0 +\d+ \S+ \S+ multi.cdx.json\n", listing.Output);
        Assert.Matches(@"-rw-r--r-- 0/0 +\d+ \S+ \S+ Procfile\n", listing.Output);
        using var zip = ZipFile.OpenRead(Path.Combine(release, "multi_1.0.0_windows_amd64.zip"));
        Assert.Equal(["LICENSE", "Procfile", "multi.exe", "multi.exe.cdx.json"], zip.Entries.Select(e => e.FullName));
        Assert.Equal(0x81ED, (zip.GetEntry("multi.exe")!.ExternalAttributes >> 16) & 0xFFFF);
    }

    [Fact]
    public void Build_with_r_cross_compiles_into_the_RID_folder_and_Go_properties_and_variables_choose_targets_too()
    {
        var project = environment.CreateProject("cross").WriteHelloModule();

        var arm64 = project.Build("-r", "linux-arm64");
        Assert.True(arm64.ExitCode == 0, arm64.ToString());
        var arm64Binary = project.Path("bin/Debug/linux-arm64/cross");
        Assert.Contains($"cross -> {arm64Binary}", arm64.Output);
        Assert.Equal("ELF64 aarch64", BinaryFormat.Describe(arm64Binary));
        Assert.False(File.Exists(project.Path("bin/Debug/cross")), "the host's folder holds no binary of another RID");
        Assert.True(Directory.Exists(project.Path("obj/Debug/linux-arm64")), "each RID has its own obj/ folder");
        Assert.False(File.Exists(project.Path("bin/Debug/linux-arm64/Procfile")), "a build writes no Procfile");

        // GoArm refines what linux-arm implies (ARMv7).
        var armv6 = project.Build("-r", "linux-arm", "-p:GoArm=6");
        Assert.True(armv6.ExitCode == 0, armv6.ToString());
        Assert.Contains("GOARM=6", Go("version", "-m", project.Path("bin/Debug/linux-arm/cross")));

        // GoOS/GoArch without a RID; the .exe suffix follows.
        var windows = project.Build("-p:GoOS=windows", "-p:GoArch=arm64");
        Assert.True(windows.ExitCode == 0, windows.ToString());
        Assert.Equal("PE arm64", BinaryFormat.Describe(project.Path("bin/Debug/cross.exe")));

        // GOOS/GOARCH from the environment keep working, as for go itself.
        project.Environment["GOOS"] = "darwin";
        project.Environment["GOARCH"] = "arm64";
        var darwin = project.Build("-c", "Release");
        Assert.True(darwin.ExitCode == 0, darwin.ToString());
        Assert.Equal("Mach-O arm64", BinaryFormat.Describe(project.Path("bin/Release/cross")));
    }

    [Fact]
    public void A_function_project_cross_compiles_with_the_target_s_build_constraints()
    {
        var tools = Path.Combine(environment.Root, "tools-" + Guid.NewGuid().ToString("N")[..8]);
        var project = environment.CreateProject("fx");
        project.WriteFile("go.mod", "module example.com/fx\n\ngo 1.19\n");
        project.WriteFile("api/index.go", "package handler\n\nimport \"net/http\"\n\nfunc Index(w http.ResponseWriter, r *http.Request) { w.Write([]byte(\"index\")) }\n");
        project.WriteFile("api/native_windows.go", "package handler\n\nimport \"net/http\"\n\nfunc Native(w http.ResponseWriter, r *http.Request) { w.Write([]byte(\"windows\")) }\n");
        project.WriteProjectFile();

        var windows = project.Build("-r", "win-x64", "-p:GoToolsCache=" + tools);
        var host = project.Build("-p:GoToolsCache=" + tools);

        Assert.True(windows.ExitCode == 0, windows.ToString());
        Assert.True(host.ExitCode == 0, host.ToString());
        Assert.Equal("PE x64", BinaryFormat.Describe(project.Path("bin/Debug/win-x64/fx.exe")));
        // The analyzer runs on this machine but reads the handlers as go builds them for the target.
        Assert.Contains("/api/native_windows", Functions.Manifest(project, "Debug/win-x64").Keys);
        Assert.DoesNotContain("/api/native_windows", Functions.Manifest(project, "Debug").Keys);
    }

    [Fact]
    public void Wrong_or_contradictory_target_settings_are_errors_whose_advice_works()
    {
        var project = environment.CreateProject("badrid").WriteHelloModule();

        var unknown = project.Build("-r", "linux-amd65");
        Assert.NotEqual(0, unknown.ExitCode);
        Assert.Contains("error GOPACK0060: The RuntimeIdentifier 'linux-amd65' names no target Go can build for. Use one of: linux-x64, linux-arm64", unknown.Output);
        Assert.False(Directory.Exists(project.Path("bin/Debug/linux-amd65")) && Directory.EnumerateFiles(project.Path("bin/Debug/linux-amd65")).Any(), "no host build in its place");
        var fixedRid = project.Build("-r", "linux-x64");
        Assert.True(fixedRid.ExitCode == 0, fixedRid.ToString());

        var contradiction = project.Build("-r", "linux-x64", "-p:GoOS=windows");
        Assert.NotEqual(0, contradiction.ExitCode);
        Assert.Contains("error GOPACK0061: RuntimeIdentifier 'linux-x64' means linux/amd64, but GoOS is 'windows'. Set only one of them", contradiction.Output);

        var goArm = project.Build("-r", "linux-arm", "-p:GoArm=9");
        Assert.Contains("error GOPACK0061: GoArm is '9'; Go accepts 5, 6 or 7.", goArm.Output);

        var musl = project.Build("-r", "linux-musl-x64", "-p:CgoEnabled=true");
        Assert.NotEqual(0, musl.ExitCode);
        Assert.Contains("error GOPACK0061: RuntimeIdentifier 'linux-musl-x64' builds a static binary that links no C library, but cgo is on (CgoEnabled property). Remove CgoEnabled=true", musl.Output);
        project.Environment["CGO_ENABLED"] = "1";
        var muslStatic = project.Build("-r", "linux-musl-x64");
        Assert.True(muslStatic.ExitCode == 0, muslStatic.ToString());
        Assert.Contains("CGO_ENABLED=0", Go("version", "-m", project.Path("bin/Debug/linux-musl-x64/badrid")));

        project.Environment["CC"] = null;
        var cgoCross = project.Build("-r", "linux-arm64");
        Assert.NotEqual(0, cgoCross.ExitCode);
        Assert.Contains("error GOPACK0062: cgo is on (CGO_ENABLED environment variable) for linux/arm64, which is not the machine building, and no C compiler for linux/arm64 is set. Set the CC environment variable", cgoCross.Output);
        Assert.Contains("CC=aarch64-linux-gnu-gcc", cgoCross.Output);
        var cgoOff = project.Build("-r", "linux-arm64", "-p:CgoEnabled=false");
        Assert.True(cgoOff.ExitCode == 0, cgoOff.ToString());
    }

    [Fact]
    public void Two_publishes_of_one_commit_in_two_directories_are_identical_and_stamped_with_version_commit_and_date()
    {
        var first = environment.CopySample("hello");
        first.WriteFile(".gitignore", "bin/\nobj/\n");
        Git(first.Directory, "init", "-q");
        Git(first.Directory, "add", "-A");
        Git(first.Directory, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "hello");
        var commit = Git(first.Directory, "rev-parse", "HEAD").Trim();
        var second = environment.CreateProject("hello", "hello-clone");
        Git(environment.ProjectsDirectory, "clone", "-q", first.Directory, second.Directory);

        var outputs = new List<Dictionary<string, byte[]>>();
        foreach (var project in new[] { first, second })
        {
            var publish = project.Dotnet("publish", project.ProjectFile, "-r", "linux-x64", "-p:Version=2.3.4", "-v:n");
            Assert.True(publish.ExitCode == 0, publish.ToString());
            Assert.Contains("-trimpath -buildvcs=true", publish.Output);
            var release = project.Path("bin/Release");
            Assert.Equal(
                ["hello_2.3.4_checksums.txt", "hello_2.3.4_linux_amd64.tar.gz", "hello_2.3.4_linux_amd64.tar.gz.cdx.json"],
                Directory.EnumerateFiles(release).Select(Path.GetFileName).Order(StringComparer.Ordinal));
            outputs.Add(new[] { "linux-x64/publish/hello", "hello_2.3.4_linux_amd64.tar.gz", "hello_2.3.4_checksums.txt", "hello_2.3.4_linux_amd64.tar.gz.cdx.json" }
                .ToDictionary(f => f, f => File.ReadAllBytes(Path.Combine(release, f))));
        }

        foreach (var (file, bytes) in outputs[0])
        {
            Assert.True(bytes.SequenceEqual(outputs[1][file]), $"{file} differs between the two directories");
        }

        // The goreleaser stamps, the commit time as the date, and go's own VCS stamp.
        var commitTime = DateTimeOffset.FromUnixTimeSeconds(long.Parse(Git(first.Directory, "log", "-1", "--format=%ct").Trim())).UtcDateTime;
        var date = commitTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");
        var binary = first.Path("bin/Release/linux-x64/publish/hello");
        Assert.Equal($"hello 2.3.4, commit {commit}, built at {date}", ProcessRunner.Run(binary, ["--version"], first.Directory).Output.Trim());
        var info = Go("version", "-m", binary);
        Assert.Contains("vcs.revision=" + commit, info);
        Assert.Contains("-trimpath=true", info);
        var selfTest = ProcessRunner.Run(binary, ["-selftest"], first.Directory);
        Assert.Equal("selftest: 200 ok", selfTest.Output.Trim());

        // Archive entries carry the commit time, not the time of the publish.
        var listing = ProcessRunner.Run("tar", ["--utc", "-tvzf", "hello_2.3.4_linux_amd64.tar.gz"], first.Path("bin/Release"));
        Assert.Contains(commitTime.ToString("yyyy-MM-dd HH:mm") + " hello\n", listing.Output);
        Assert.Contains(" Procfile\n", listing.Output);

        // Symbols are configurable; an empty one turns its stamp off.
        var custom = first.Dotnet("publish", first.ProjectFile, "-r", "linux-x64", "-p:Version=2.3.4", "-p:GoDateSymbol=", "-p:GoCommitSymbol=main.nothere");
        Assert.True(custom.ExitCode == 0, custom.ToString());
        Assert.Equal("hello 2.3.4, commit none, built at unknown", ProcessRunner.Run(binary, ["--version"], first.Directory).Output.Trim());
    }

    [Fact]
    public void A_checkout_without_git_on_PATH_publishes_without_VCS_stamps_and_SOURCE_DATE_EPOCH_gives_the_date()
    {
        var project = environment.CreateProject("nogit");
        project.WriteFile("go.mod", "module example.com/nogit\n\ngo 1.19\n");
        project.WriteFile("main.go", "package main\n\nimport \"fmt\"\n\nvar version, commit, date = \"dev\", \"none\", \"unknown\"\n\nfunc main() { fmt.Println(version, commit, date) }\n");
        project.WriteFile(".gitignore", "bin/\nobj/\n");
        project.WriteProjectFile();
        Git(project.Directory, "init", "-q");
        Git(project.Directory, "add", "-A");
        Git(project.Directory, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "one");
        var commit = Git(project.Directory, "rev-parse", "HEAD").Trim();
        // Only dotnet on PATH: no git (and no go; GoRoot names it).
        project.HideInstalledGo();
        var goRoot = "-p:GoRoot=" + environment.RealGo.GoRoot;

        var publish = project.Dotnet("publish", project.ProjectFile, goRoot, "-v:n");

        Assert.True(publish.ExitCode == 0, publish.ToString());
        Assert.Contains("warning GOPACK0064:", publish.Output);
        Assert.Contains("git is not on PATH: go can't stamp VCS information (-buildvcs=false), and the publish has no commit time for its date stamp and archive times (set SOURCE_DATE_EPOCH, or install git)", publish.Output);
        Assert.Contains("-trimpath -buildvcs=false", publish.Output);
        var binary = project.Path("bin/Release/publish/nogit");
        Assert.Equal($"1.0.0 {commit} unknown", ProcessRunner.Run(binary, [], project.Directory).Output.Trim());
        Assert.DoesNotContain("vcs", Go("version", "-m", binary));

        // The advice: SOURCE_DATE_EPOCH gives the date stamp and the archive times.
        project.Environment["SOURCE_DATE_EPOCH"] = "1715000000";
        var dated = project.Dotnet("publish", project.ProjectFile, goRoot);
        Assert.True(dated.ExitCode == 0, dated.ToString());
        Assert.DoesNotContain("set SOURCE_DATE_EPOCH", dated.Output);
        Assert.Equal($"1.0.0 {commit} 2024-05-06T12:53:20Z", ProcessRunner.Run(binary, [], project.Directory).Output.Trim());
        var listing = ProcessRunner.Run("tar", ["--utc", "-tvzf", "nogit_1.0.0_linux_amd64.tar.gz"], project.Path("bin/Release"));
        Assert.Contains("2024-05-06 12:53 nogit\n", listing.Output);

        project.Environment["SOURCE_DATE_EPOCH"] = "yesterday";
        var invalid = project.Dotnet("publish", project.ProjectFile, goRoot);
        Assert.NotEqual(0, invalid.ExitCode);
        Assert.Contains("error GOPACK0007: SOURCE_DATE_EPOCH is 'yesterday': it must be a number of seconds since 1970-01-01 UTC.", invalid.Output);
    }

    [Fact]
    public void Version_comes_from_Nerdbank_GitVersioning_when_the_project_references_it()
    {
        // The repository's own build restored Nerdbank.GitVersioning (Directory.Build.props): serve that package.
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } folder
            ? folder
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var nbgv = Path.Combine(packages, "nerdbank.gitversioning", "3.10.94", "nerdbank.gitversioning.3.10.94.nupkg");
        Assert.True(File.Exists(nbgv), $"{nbgv} is missing: restore the repository (dotnet restore GoSdk.sln) first");
        File.Copy(nbgv, Path.Combine(environment.FeedDirectory, Path.GetFileName(nbgv)), overwrite: true);
        var project = environment.CreateProject("nbgv");
        project.WriteFile("go.mod", "module example.com/nbgv\n\ngo 1.19\n");
        project.WriteFile("main.go", "package main\n\nimport \"fmt\"\n\nvar version = \"dev\"\n\nfunc main() { fmt.Println(version) }\n");
        project.WriteFile("version.json", "{ \"version\": \"3.4\", \"publicReleaseRefSpec\": [\"^refs/heads/main$\"] }\n");
        project.WriteFile(".gitignore", "bin/\nobj/\n");
        project.WriteProjectFile("""
            <PropertyGroup><GoEnableNuGetRestore>true</GoEnableNuGetRestore></PropertyGroup>
            <ItemGroup><PackageReference Include="Nerdbank.GitVersioning" Version="3.10.94" PrivateAssets="all" /></ItemGroup>
            """);
        Git(project.Directory, "init", "-q", "-b", "main");
        Git(project.Directory, "add", "-A");
        Git(project.Directory, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "one");

        var publish = project.Dotnet("publish", project.ProjectFile);

        Assert.True(publish.ExitCode == 0, publish.ToString());
        Assert.Equal("3.4.1", ProcessRunner.Run(project.Path("bin/Release/publish/nbgv"), [], project.Directory).Output.Trim());
        Assert.Contains($"nbgv -> {project.Path("bin/Release/nbgv_3.4.1_checksums.txt")}", publish.Output);
    }

    [Fact]
    public void A_second_publish_with_nothing_changed_starts_no_go_for_each_RID()
    {
        var go = new CountingGo(environment);
        var project = environment.CreateProject("incr").WriteHelloModule();

        Assert.Equal(0, project.Dotnet("publish", project.ProjectFile, "-r", "linux-x64", go.GoRootProperty).ExitCode);
        Assert.Equal(0, project.Dotnet("publish", project.ProjectFile, "-r", "linux-arm64", go.GoRootProperty).ExitCode);
        var before = go.Invocations.Count;
        Assert.Contains(go.Invocations, i => i.StartsWith("version -m", StringComparison.Ordinal));

        var again = project.Dotnet("publish", project.ProjectFile, "-r", "linux-x64", go.GoRootProperty);
        var againArm = project.Dotnet("publish", project.ProjectFile, "-r", "linux-arm64", go.GoRootProperty);

        Assert.True(again.ExitCode == 0 && againArm.ExitCode == 0, again + "\n" + againArm);
        Assert.Equal(before, go.Invocations.Count);
        Assert.Contains($"incr -> {project.Path("bin/Release/incr_1.0.0_linux_amd64.tar.gz")}", again.Output);

        // A changed source rebuilds and repackages that RID.
        project.WriteFile("main.go", "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"changed\") }\n");
        var changed = project.Dotnet("publish", project.ProjectFile, "-r", "linux-x64", go.GoRootProperty);
        Assert.True(changed.ExitCode == 0, changed.ToString());
        Assert.Contains(go.Invocations.Skip(before), i => i.StartsWith("build ", StringComparison.Ordinal));
        Assert.Contains(go.Invocations.Skip(before), i => i.StartsWith("version -m", StringComparison.Ordinal));
        Assert.Equal("changed", ProcessRunner.Run(project.Path("bin/Release/linux-x64/publish/incr"), [], project.Directory).Output.Trim());
        var verify = ProcessRunner.Run("sha256sum", ["-c", "incr_1.0.0_checksums.txt"], project.Path("bin/Release"));
        Assert.True(verify.ExitCode == 0, verify.ToString());
    }

    [Fact]
    public void The_SBOM_lists_a_vendored_dependency_with_its_version_and_hash_and_is_valid_CycloneDX()
    {
        const string h1 = "h1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
        var project = environment.CreateProject("vend");
        project.WriteFile("go.mod", "module example.com/vend\n\ngo 1.19\n\nrequire example.com/greet v1.2.3\n");
        project.WriteFile("go.sum", $"example.com/greet v1.2.3 {h1}\nexample.com/greet v1.2.3/go.mod {h1}\n");
        project.WriteFile("main.go", "package main\n\nimport (\n\t\"fmt\"\n\n\t\"example.com/greet\"\n)\n\nfunc main() { fmt.Println(greet.Hello()) }\n");
        project.WriteFile("vendor/example.com/greet/greet.go", "package greet\n\nfunc Hello() string { return \"hi from a vendored module\" }\n");
        project.WriteFile("vendor/modules.txt", "# example.com/greet v1.2.3\n## explicit\nexample.com/greet\n");
        project.WriteProjectFile();

        var publish = project.Dotnet("publish", project.ProjectFile, "-r", "linux-x64");

        Assert.True(publish.ExitCode == 0, publish.ToString());
        var release = project.Path("bin/Release");
        var sbomPath = Path.Combine(release, "vend_1.0.0_linux_amd64.tar.gz.cdx.json");
        Assert.Contains($"vend -> {sbomPath}", publish.Output);
        var sbom = File.ReadAllText(sbomPath);
        Assert.Empty(CycloneDxSchema.Errors(sbom));
        using var document = JsonDocument.Parse(sbom);
        var greet = document.RootElement.GetProperty("components").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "example.com/greet");
        Assert.Equal("v1.2.3", greet.GetProperty("version").GetString());
        Assert.Equal("pkg:golang/example.com/greet@v1.2.3?goarch=amd64&goos=linux&type=module", greet.GetProperty("purl").GetString());
        Assert.Equal("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", greet.GetProperty("hashes")[0].GetProperty("content").GetString());
        var main = document.RootElement.GetProperty("metadata").GetProperty("component");
        Assert.Equal("example.com/vend", main.GetProperty("name").GetString());
        Assert.Equal(ChecksumOf(project.Path("bin/Release/linux-x64/publish/vend")),
            main.GetProperty("properties").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "cdx:gomod:binary:hash:SHA-256").GetProperty("value").GetString());

        // The same SBOM is inside the archive, next to the binary it describes.
        var extracted = Directory.CreateDirectory(project.Path("extracted")).FullName;
        Assert.Equal(0, ProcessRunner.Run("tar", ["-xzf", Path.Combine(release, "vend_1.0.0_linux_amd64.tar.gz"), "-C", extracted], release).ExitCode);
        Assert.Equal(sbom, File.ReadAllText(Path.Combine(extracted, "vend.cdx.json")));
        Assert.Equal("hi from a vendored module", ProcessRunner.Run(Path.Combine(extracted, "vend"), [], extracted).Output.Trim());
    }

    [Fact]
    public void Publish_follows_the_NET_output_conventions_and_accepts_the_NET_only_switches()
    {
        var project = environment.CreateProject("conv").WriteHelloModule("conv");
        project.WriteFile("README.md", "# conv\n");
        project.WriteFile("CHANGELOG.md", "## 1.0.0\n");
        project.WriteFile("config/app.yaml", "port: 8080\n");
        project.WriteFile("scripts/start.sh", "#!/bin/sh\nexec ./conv\n");
        project.WriteProjectFile("""
            <ItemGroup>
              <GoPackageFile Include="config/app.yaml" PackagePath="etc/" />
              <GoPackageFile Include="scripts/start.sh" PackagePath="start.sh" Mode="755" />
            </ItemGroup>
            """);

        // No RID: bin/Release/publish/ and the host's archive.
        var host = project.Dotnet("publish", project.ProjectFile);
        Assert.True(host.ExitCode == 0, host.ToString());
        Assert.Contains($"conv -> {project.Path("bin/Release/publish/")}", host.Output);
        Assert.Equal("conv", ProcessRunner.Run(project.Path("bin/Release/publish/conv"), [], project.Directory).Output.Trim());
        Assert.Equal("port: 8080", File.ReadAllText(project.Path("bin/Release/publish/etc/app.yaml")).Trim());
        Assert.Equal("web: ./conv", File.ReadAllText(project.Path("bin/Release/publish/Procfile")).Trim());
        var listing = ProcessRunner.Run("tar", ["-tvzf", "conv_1.0.0_linux_amd64.tar.gz"], project.Path("bin/Release")).Output;
        foreach (var entry in new[] { "-rwxr-xr-x 0/0 .* conv\n", "-rw-r--r-- 0/0 .* README.md\n", "-rw-r--r-- 0/0 .* CHANGELOG.md\n", "-rw-r--r-- 0/0 .* etc/app.yaml\n", "-rwxr-xr-x 0/0 .* start.sh\n", "-rw-r--r-- 0/0 .* Procfile\n" })
        {
            Assert.Matches(entry, listing);
        }

        // -o, and the switches that mean nothing for Go: same binary.
        var output = project.Path("out");
        var switches = project.Dotnet("publish", project.ProjectFile, "-o", output, "--self-contained", "-p:PublishSingleFile=true", "-p:PublishTrimmed=true", "-p:PublishAot=true", "-p:PublishReadyToRun=true");
        Assert.True(switches.ExitCode == 0, switches.ToString());
        Assert.Equal(ChecksumOf(project.Path("bin/Release/publish/conv")), ChecksumOf(Path.Combine(output, "conv")));
        Assert.True(File.Exists(Path.Combine(output, "conv_1.0.0_linux_amd64.tar.gz")), "archives go to the folder -o names");
        Assert.Equal(0, ProcessRunner.Run("sha256sum", ["-c", "conv_1.0.0_checksums.txt"], output).ExitCode);

        // -o with several RIDs: one sub-folder a RID, the archives and checksums at the top.
        var multi = project.Dotnet("publish", project.ProjectFile, "-o", project.Path("multi"), "-p:RuntimeIdentifiers=\"linux-x64;linux-arm64\"");
        Assert.True(multi.ExitCode == 0, multi.ToString());
        Assert.Equal("ELF64 aarch64", BinaryFormat.Describe(project.Path("multi/linux-arm64/conv")));
        Assert.Equal(2, File.ReadAllLines(project.Path("multi/conv_1.0.0_checksums.txt")).Length);

        // GoPackageRuntime=false: no archive; -t:PackageRuntime then makes it from the published output.
        var debugPublish = project.Dotnet("publish", project.ProjectFile, "-c", "Debug", "-p:GoPackageRuntime=false");
        Assert.True(debugPublish.ExitCode == 0, debugPublish.ToString());
        Assert.False(File.Exists(project.Path("bin/Debug/conv_1.0.0_linux_amd64.tar.gz")));
        var packageOnly = project.Dotnet("msbuild", project.ProjectFile, "-t:PackageRuntime", "-p:Configuration=Debug");
        Assert.True(packageOnly.ExitCode == 0, packageOnly.ToString());
        Assert.True(File.Exists(project.Path("bin/Debug/conv_1.0.0_linux_amd64.tar.gz")), packageOnly.Output);
    }

    [Fact]
    public void PackageRuntime_errors_say_what_to_do_and_a_library_has_nothing_to_publish()
    {
        var project = environment.CreateProject("pkgerr").WriteHelloModule();

        var alone = project.Dotnet("msbuild", project.ProjectFile, "-t:PackageRuntime", "-p:Configuration=Release");
        Assert.NotEqual(0, alone.ExitCode);
        Assert.Contains("error GOPACK0063:", alone.Output);
        Assert.Contains("dotnet publish", alone.Output);

        var format = project.Dotnet("publish", project.ProjectFile, "-p:GoArchiveFormat=rar");
        Assert.NotEqual(0, format.ExitCode);
        Assert.Contains("error GOPACK0063: GoArchiveFormat is 'rar': use tar.gz or zip.", format.Output);
        var zip = project.Dotnet("publish", project.ProjectFile, "-p:GoArchiveFormat=zip");
        Assert.True(zip.ExitCode == 0, zip.ToString());
        Assert.True(File.Exists(project.Path("bin/Release/pkgerr_1.0.0_linux_amd64.zip")));
        var afterPublish = project.Dotnet("msbuild", project.ProjectFile, "-t:PackageRuntime", "-p:Configuration=Release");
        Assert.True(afterPublish.ExitCode == 0, afterPublish.ToString());

        project.WriteProjectFile("<ItemGroup><GoPackageFile Include=\"conf/app.yml\" /></ItemGroup>");
        var missing = project.Dotnet("publish", project.ProjectFile);
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("error GOPACK0063: GoPackageFile conf/app.yml does not exist", missing.Output);
        project.WriteFile("conf/app.yml", "a: 1\n");
        var present = project.Dotnet("publish", project.ProjectFile);
        Assert.True(present.ExitCode == 0, present.ToString());
        Assert.Contains(" conf/app.yml\n", ProcessRunner.Run("tar", ["-tvzf", "pkgerr_1.0.0_linux_amd64.tar.gz"], project.Path("bin/Release")).Output);

        var library = environment.CreateProject("lib");
        library.WriteFile("go.mod", "module example.com/lib\n\ngo 1.19\n");
        library.WriteFile("lib.go", "package lib\n\nfunc X() int { return 1 }\n");
        library.WriteFile("tools/gen/main.go", "package main\n\nfunc main() { println(\"gen\") }\n");
        library.WriteProjectFile();
        var nothing = library.Dotnet("publish", library.ProjectFile);
        Assert.True(nothing.ExitCode == 0, nothing.ToString());
        Assert.Contains("warning GOPACK0065: lib is a Go library (no main package): there is no binary to publish. Set GoMainPackage", nothing.Output);
        var tool = library.Dotnet("publish", library.ProjectFile, "-p:GoMainPackage=./tools/gen");
        Assert.True(tool.ExitCode == 0, tool.ToString());
        Assert.Equal("gen", ProcessRunner.Run(library.Path("bin/Release/publish/lib"), [], library.Directory).Output.Trim());
    }

    private string Go(params string[] arguments)
    {
        var result = ProcessRunner.Run(environment.RealGo.GoExecutable, arguments, Path.GetTempPath(), new Dictionary<string, string?> { ["GOROOT"] = environment.RealGo.GoRoot });
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Output;
    }

    private static string Git(string directory, params string[] arguments)
    {
        var result = ProcessRunner.Run("git", arguments, directory);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Output;
    }

    private static string ChecksumOf(string file) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(file)));
}
