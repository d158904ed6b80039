using System.Collections.Concurrent;
using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using GoPack.Sdk.Toolchains;
using GoPack.Sdk.Toolchains.Download;
using GoPack.Sdk.Versions;

namespace GoPack.Sdk.Tests.Infrastructure;

/// <summary>
/// A Go toolchain archive as go.dev publishes it (everything under <c>go/</c>, named
/// <c>go1.19.8.linux-amd64.tar.gz</c>), with its SHA-256 and size for a feed, for serving from a
/// <see cref="LoopbackServer"/>.
/// </summary>
public sealed class ToolchainArchive
{
    private static readonly ConcurrentDictionary<string, Lazy<ToolchainArchive>> RealArchives = new(StringComparer.Ordinal);

    private ToolchainArchive(string path, GoVersion version, GoArchivePlatform platform)
    {
        Path = path;
        Version = version;
        Platform = platform;
        using (var stream = File.OpenRead(path)) Sha256 = Convert.ToHexString(SHA256.HashData(stream)).ToLowerInvariant();
        Size = new FileInfo(path).Length;
    }

    public string Path { get; }
    public GoVersion Version { get; }
    public GoArchivePlatform Platform { get; }
    public string FileName => System.IO.Path.GetFileName(Path);
    public string Sha256 { get; }
    public long Size { get; }

    /// <summary>
    /// The real Go the tests run with, packed once per test run (it is large) into the environment's temp folder,
    /// which is deleted with it. Symbolic links are followed, so that Debian's GOROOT (src, api, misc are links into
    /// /usr/share) packs as a self-contained tree; Go's own test suite (test/) and the precompiled standard library
    /// (pkg/GOOS_GOARCH, which Go's archives stopped shipping in 1.20: go compiles it into its build cache) are left
    /// out to keep the archive and every install of it small.
    /// </summary>
    public static ToolchainArchive OfRealGo(TestEnvironment environment) =>
        RealArchives.GetOrAdd(environment.Root, _ => new Lazy<ToolchainArchive>(() => PackRealGo(environment), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    /// <summary>A small stand-in for a Go version the machine doesn't have: go/VERSION and a go/bin/go script (see <see cref="FakeGoToolchain"/>).</summary>
    public static ToolchainArchive Fake(string directory, string version)
    {
        var goVersion = GoVersion.Parse(version);
        var platform = GoArchivePlatform.Host();
        Directory.CreateDirectory(directory);
        var path = System.IO.Path.Combine(directory, platform.GetArchiveFileName(goVersion));
        using (var file = File.Create(path))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            tar.WriteEntry(new PaxTarEntry(TarEntryType.Directory, "go/") { Mode = FakeGoToolchain.DirectoryMode });
            tar.WriteEntry(new PaxTarEntry(TarEntryType.Directory, "go/bin/") { Mode = FakeGoToolchain.DirectoryMode });
            tar.WriteEntry(TarFile("go/bin/go", FakeGoToolchain.Script(goVersion, root: null), FakeGoToolchain.ExecutableMode));
            tar.WriteEntry(TarFile("go/VERSION", FakeGoToolchain.VersionFile(goVersion), FakeGoToolchain.FileMode));
        }

        return new ToolchainArchive(path, goVersion, platform);
    }

    /// <summary>dl.json in go.dev's format listing <paramref name="archives"/>, all stable.</summary>
    public static string FeedJson(params ToolchainArchive[] archives) => FeedJson(archives.Select(a => (a, a.Sha256)).ToArray());

    /// <summary>dl.json with the SHA-256 given for each archive, e.g. a wrong one.</summary>
    public static string FeedJson(params (ToolchainArchive Archive, string Sha256)[] archives) =>
        "[\n" + string.Join(",\n", archives.Select(x => $$"""
            {"version":"{{x.Archive.Version.ReleaseName}}","stable":true,"files":[
              {"filename":"{{x.Archive.FileName}}","os":"{{x.Archive.Platform.GoOs}}","arch":"{{x.Archive.Platform.ArchiveArch}}","version":"{{x.Archive.Version.ReleaseName}}","sha256":"{{x.Sha256}}","size":{{x.Archive.Size}},"kind":"archive"},
              {"filename":"{{x.Archive.Version.ReleaseName}}.src.tar.gz","os":"","arch":"","version":"{{x.Archive.Version.ReleaseName}}","sha256":"{{new string('0', 64)}}","size":1,"kind":"source"}
            ]}
            """)) + "\n]\n";

    private static ToolchainArchive PackRealGo(TestEnvironment environment)
    {
        var go = environment.RealGo;
        var version = go.Version ?? throw new InvalidOperationException($"The Go at {go.GoRoot} has no VERSION file, so no feed can name it.");
        var platform = GoArchivePlatform.Host();
        var directory = Directory.CreateDirectory(System.IO.Path.Combine(environment.Root, "toolchain-archive")).FullName;
        var path = System.IO.Path.Combine(directory, platform.GetArchiveFileName(version));
        var precompiled = System.IO.Path.Combine("pkg", $"{platform.GoOs}_{platform.GoArch}");
        using (var file = File.Create(path))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            tar.WriteEntry(new PaxTarEntry(TarEntryType.Directory, "go/") { Mode = FakeGoToolchain.DirectoryMode });
            AddTree(tar, go.GoRoot, go.GoRoot, relative =>
                relative == "test" || relative == precompiled || relative.StartsWith(precompiled + "_", StringComparison.Ordinal));
        }

        return new ToolchainArchive(path, version, platform);
    }

    private static void AddTree(TarWriter tar, string root, string directory, Func<string, bool> skip)
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(directory).Order(StringComparer.Ordinal))
        {
            var relative = System.IO.Path.GetRelativePath(root, entry);
            if (skip(relative)) continue;
            var name = "go/" + relative.Replace('\\', '/');
            var target = FinalTarget(entry);
            if (Directory.Exists(target))
            {
                tar.WriteEntry(new PaxTarEntry(TarEntryType.Directory, name + "/") { Mode = ModeOf(target, FakeGoToolchain.DirectoryMode) });
                AddTree(tar, root, entry, skip);
            }
            else if (File.Exists(target))
            {
                using var data = File.OpenRead(target);
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { Mode = ModeOf(target, FakeGoToolchain.FileMode), DataStream = data });
            }
        }
    }

    private static UnixFileMode ModeOf(string path, UnixFileMode fallback) =>
        OperatingSystem.IsWindows() ? fallback : File.GetUnixFileMode(path);

    private static string FinalTarget(string path)
    {
        FileSystemInfo info = Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path);
        return info.LinkTarget is null ? path : info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;
    }

    private static PaxTarEntry TarFile(string name, string content, UnixFileMode mode) =>
        new(TarEntryType.RegularFile, name) { Mode = mode, DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)) };
}

/// <summary>
/// Go toolchains for versions the machine doesn't have: a VERSION file (all GoPack reads to choose) and a bin/go
/// script that answers `go version` and `go env` like the real one and refuses everything else.
/// </summary>
public static class FakeGoToolchain
{
    public const UnixFileMode ExecutableMode = (UnixFileMode)0b111_101_101;
    public const UnixFileMode FileMode = (UnixFileMode)0b110_100_100;
    public const UnixFileMode DirectoryMode = (UnixFileMode)0b111_101_101;

    /// <summary>The file a toolchain made by <see cref="CreateToolchain"/> appends each invocation to: it must stay absent when nothing may start go.</summary>
    public const string InvocationLogName = "invocations.log";

    /// <summary>A GOROOT at <paramref name="root"/>.</summary>
    public static string CreateToolchain(string root, string version)
    {
        var goVersion = GoVersion.Parse(version);
        Directory.CreateDirectory(System.IO.Path.Combine(root, "bin"));
        File.WriteAllText(System.IO.Path.Combine(root, "VERSION"), VersionFile(goVersion));
        var go = System.IO.Path.Combine(root, "bin", "go");
        File.WriteAllText(go, Script(goVersion, root));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(go, ExecutableMode);
        return root;
    }

    public static string VersionFile(GoVersion version) => $"{version.ReleaseName}\ntime 2024-12-03T00:00:00Z\n";

    /// <param name="root">GOROOT to report; null: the script's own grandparent folder.</param>
    public static string Script(GoVersion version, string? root)
    {
        var platform = GoHostPlatform.GoOs() + "/" + GoHostPlatform.GoArch();
        var goRoot = root is null ? "$(cd \"$(dirname \"$0\")/..\" && pwd)" : $"'{root}'";
        var log = root is null ? "" : $"echo \"$*\" >> '{System.IO.Path.Combine(root, InvocationLogName)}'";
        return $$"""
            #!/bin/sh
            {{log}}
            case "$1" in
              version) echo "go version {{version.ReleaseName}} {{platform}}" ;;
              env)
                shift
                for name in "$@"; do
                  case "$name" in
                    GOVERSION) echo "{{version.ReleaseName}}" ;;
                    GOROOT) echo {{goRoot}} ;;
                    GOOS) echo "{{GoHostPlatform.GoOs()}}" ;;
                    GOARCH) echo "{{GoHostPlatform.GoArch()}}" ;;
                    *) echo "" ;;
                  esac
                done ;;
              *) echo "fake {{version.ReleaseName}}: cannot run 'go $*'" >&2; exit 2 ;;
            esac

            """;
    }
}
