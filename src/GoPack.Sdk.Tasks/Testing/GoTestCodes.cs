namespace GoPack.Sdk.Testing;

/// <summary>
/// The codes Go test failures and code checks are reported under (GoPack's own problems use GOPACK codes). README.md
/// documents each.
/// </summary>
public static class GoTestCodes
{
    /// <summary>A Go test failed, at the line its t.Error/t.Fatal or panic names.</summary>
    public const string TestFailed = "GOTEST0001";

    /// <summary>A test package failed outside its tests: a panic in init or TestMain, os.Exit, a timeout between tests.</summary>
    public const string PackageFailed = "GOTEST0002";

    /// <summary>go test failed with no test failure or compiler error to show; its output is the message.</summary>
    public const string RunFailed = "GOTEST0003";

    /// <summary>go vet findings: GOVET-printf, GOVET-assign, one code per analyzer.</summary>
    public const string VetPrefix = "GOVET-";

    /// <summary>A file gofmt would change (GoFormatCheck=true).</summary>
    public const string FormatCheck = "GOFMT0001";

    /// <summary>staticcheck / golangci-lint findings: GOLINT-SA5009, GOLINT-errcheck.</summary>
    public const string LintPrefix = "GOLINT-";
}
