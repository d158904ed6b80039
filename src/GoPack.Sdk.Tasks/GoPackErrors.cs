namespace GoPack.Sdk;

/// <summary>
/// GoPack's own diagnostic codes. They are stable: README.md documents each one, and users search for them.
/// Go's own diagnostics use the GO codes in <see cref="Diagnostics.GoDiagnosticCodes"/>.
/// </summary>
public static class GoPackErrors
{
    /// <summary>No Go toolchain was found.</summary>
    public const string ToolchainNotFound = "GOPACK0001";

    /// <summary>Nothing that looks like a Go project next to the project file.</summary>
    public const string NoGoProject = "GOPACK0002";

    /// <summary>GoModuleDir names a directory that does not exist.</summary>
    public const string ModuleDirectoryMissing = "GOPACK0003";

    /// <summary>The go executable could not be started.</summary>
    public const string GoNotStartable = "GOPACK0004";

    /// <summary>go.mod or go.work could not be read or parsed.</summary>
    public const string ModuleFileUnreadable = "GOPACK0005";

    /// <summary>A flags property (GoBuildFlags) has unbalanced quotes.</summary>
    public const string InvalidFlags = "GOPACK0006";

    /// <summary>A property has a value GoPack doesn't know.</summary>
    public const string InvalidProperty = "GOPACK0007";

    /// <summary>A pre-modules dependency manager layout (Godeps, dep, glide, govendor) without go.mod.</summary>
    public const string LegacyLayout = "GOPACK0008";

    /// <summary>A Go version setting GoPack can't read.</summary>
    public const string InvalidGoVersion = "GOPACK0009";

    /// <summary>The main package asked for doesn't exist or isn't package main.</summary>
    public const string MainPackageNotFound = "GOPACK0010";

    /// <summary>Warnings about the main package choice (GoBinaryName ignored, other main packages left out).</summary>
    public const string MainPackageWarning = "GOPACK0011";

    /// <summary>Warnings about the project layout or a platform setting (a Makefile without a binary, deprecated variables).</summary>
    public const string ProjectWarning = "GOPACK0012";

    /// <summary>The toolchain found is older than the Go version the project asks for.</summary>
    public const string ToolchainTooOld = "GOPACK0013";

    /// <summary>CGO is on but no C compiler exists.</summary>
    public const string NoCCompiler = "GOPACK0014";

    /// <summary>A build hook (bin/go-pre-compile, CC_PRE_BUILD_HOOK, GoPreBuildCommand, ...) failed.</summary>
    public const string HookFailed = "GOPACK0015";

    /// <summary>The Makefile build failed or did not produce the binary it names.</summary>
    public const string MakefileBuildFailed = "GOPACK0016";

    /// <summary>Warning: no toolchain of the Go line asked for (GoVersion=1.17) is installed or could be downloaded; the newest installed, newer Go builds it.</summary>
    public const string ToolchainFallback = "GOPACK0017";

    /// <summary>Warning: an explicit Go version (GoVersion, GOVERSION, a +heroku comment) is older than the go.mod/go.work minimum.</summary>
    public const string VersionBelowMinimum = "GOPACK0018";

    /// <summary>`dotnet run` on a Go library: nothing to run (reported by GoPack.Run.targets).</summary>
    public const string NothingToRun = "GOPACK0019";

    /// <summary>A Go toolchain could not be downloaded, verified or installed into the GoPack cache (network, SHA-256, lock timeout, unwritable cache).</summary>
    public const string ToolchainDownloadFailed = "GOPACK0030";

    /// <summary>The Go release feed has no release that fits the request with an archive for this machine, or Go has no name for this machine.</summary>
    public const string ToolchainNotAvailable = "GOPACK0031";

    /// <summary>A `dotnet test --filter` expression Go tests can't be filtered by (a property they don't have, bad syntax).</summary>
    public const string TestFilterUnsupported = "GOPACK0040";

    /// <summary>Warning: a `dotnet test` option that doesn't apply to Go tests (a logger other than trx/console, a data collector) is ignored.</summary>
    public const string TestOptionIgnored = "GOPACK0041";

    /// <summary>A test result file (TRX, Cobertura) could not be written.</summary>
    public const string TestResultsNotWritten = "GOPACK0042";

    /// <summary>Warning: GoLint=true but no linter (staticcheck, golangci-lint) was found.</summary>
    public const string LinterNotFound = "GOPACK0043";

    /// <summary>A RuntimeIdentifier (or GoOS/GoArch pair) names no target Go can build for.</summary>
    public const string UnknownRuntimeIdentifier = "GOPACK0060";

    /// <summary>Target settings contradict each other or have a value Go doesn't accept (GoOS vs RuntimeIdentifier, a musl RID with CgoEnabled=true, GoArm=8).</summary>
    public const string ContradictoryTarget = "GOPACK0061";

    /// <summary>cgo is on for a target other than the machine building, and no cross C compiler (CC) is set.</summary>
    public const string NoCrossCompiler = "GOPACK0062";

    /// <summary>PackageRuntime could not write an archive, SBOM or checksums file (missing binary or GoPackageFile, unknown GoArchiveFormat, go version -m failed).</summary>
    public const string PackageRuntimeFailed = "GOPACK0063";

    /// <summary>Warning: the publish stamps are incomplete (git metadata without git, no commit time); -buildvcs is off.</summary>
    public const string StampWarning = "GOPACK0064";

    /// <summary>Warning: a library (no main package) has nothing to publish.</summary>
    public const string NothingToPublish = "GOPACK0065";

    /// <summary>A function project with no function to serve, or GoFunctions=true on a project that can't be one.</summary>
    public const string FunctionsNotFound = "GOPACK0080";

    /// <summary>A function under api/ is `package main` although the project has a go.mod (Vercel's error).</summary>
    public const string FunctionPackageMain = "GOPACK0081";

    /// <summary>An exported function under api/ takes a ResponseWriter and a Request but is no http.HandlerFunc.</summary>
    public const string FunctionSignatureInvalid = "GOPACK0082";

    /// <summary>A function's file name can't be a route (bracket folder, unsupported parameter), or two functions answer one route.</summary>
    public const string FunctionRouteInvalid = "GOPACK0083";

    /// <summary>The functions analyzer could not be built, stored or run.</summary>
    public const string FunctionsAnalyzerFailed = "GOPACK0084";

    // Containers (PublishContainer): GOPACK0100-0119.
    /// <summary>ContainerRepository (or the project name it defaults to) is not a valid repository name.</summary>
    public const string ContainerInvalidRepository = "GOPACK0100";

    /// <summary>The image would be for a platform that isn't Linux, or the binary isn't built for the image's platform.</summary>
    public const string ContainerUnsupportedPlatform = "GOPACK0101";

    /// <summary>A Container* property or item has a value GoPack can't use.</summary>
    public const string ContainerInvalidSetting = "GOPACK0102";

    /// <summary>The base image can't be found or read (a bad reference, a missing layout, no image for the platform).</summary>
    public const string ContainerBaseImageUnavailable = "GOPACK0103";

    /// <summary>A registry can't be reached, or answered with an error.</summary>
    public const string ContainerRegistryFailed = "GOPACK0104";

    /// <summary>A registry refused the credentials, or there were none and it wants some.</summary>
    public const string ContainerRegistryAuthenticationFailed = "GOPACK0105";

    /// <summary>Content from a registry or a local base doesn't match its digest.</summary>
    public const string ContainerDigestMismatch = "GOPACK0106";

    /// <summary>Plain HTTP was needed for a registry that isn't on this machine and isn't declared insecure.</summary>
    public const string ContainerInsecureRegistryRefused = "GOPACK0107";

    /// <summary>Loading into Docker or Podman failed (CLI missing or failing).</summary>
    public const string ContainerLocalLoadFailed = "GOPACK0108";

    /// <summary>Nothing to put in an image (a library project), or the default base's files are missing from the SDK.</summary>
    public const string ContainerNothingToContainerize = "GOPACK0109";

    /// <summary>The image or its tarball couldn't be written.</summary>
    public const string ContainerWriteFailed = "GOPACK0110";

    /// <summary>warning: a credential helper failed or a docker config file can't be read; GoPack goes on without those credentials.</summary>
    public const string ContainerCredentialWarning = "GOPACK0111";

    /// <summary>ArtifactsPath/UseArtifactsOutput set where it can't take effect: in the project file, or without a Directory.Build.props.</summary>
    public const string ArtifactsPathTooLate = "GOPACK0130";

    /// <summary>GoBuildMode has a value GoPack doesn't build, or a C library can't be built as asked (cgo off, a musl RID, not one main package).</summary>
    public const string InvalidBuildMode = "GOPACK0131";

    /// <summary>dotnet pack found nothing to pack (a Go library without main package) or could not write a tool package's settings.</summary>
    public const string PackFailed = "GOPACK0132";

    // Reliability: GOPACK0150-0169.
    /// <summary>The go of the chosen toolchain answered go list without listing anything: it is not Go (a VERSION file beside another program).</summary>
    public const string NotGo = "GOPACK0150";

    /// <summary>A build output (go's commands in obj/, the binaries in bin/) could not be written: a read-only folder, a full disk.</summary>
    public const string OutputNotWritten = "GOPACK0151";
}
