namespace GoPack.Sdk.Diagnostics;

/// <summary>
/// The codes GoPack.Sdk reports Go output under, shown by MSBuild as <c>main.go(12,5): error GO1000: message</c>.
/// </summary>
/// <remarks>
/// The thousands digit says which tool complained, so a user (or a <c>WarningsAsErrors</c>/<c>NoWarn</c> list) can
/// tell a code problem from an environment problem at a glance:
/// <list type="table">
///   <item><term>GO0000</term><description>Output of a failed go command that no rule recognised; reported by the task, never by <see cref="GoOutputParser"/>.</description></item>
///   <item><term>GO1000</term><description>Go compiler error: syntax or type error at <c>file.go:line:col</c> (also vet findings and assembler errors).</description></item>
///   <item><term>GO1001</term><description>Message: the compiler stopped early (<c>too many errors</c>), so fixing the errors shown may reveal more.</description></item>
///   <item><term>GO2000</term><description>Module or package resolution, and the go command's own failures: <c>go: ...</c> and <c>go build pkg: ...</c> errors, go.mod/go.work/go.sum errors, missing modules or go.sum entries, checksum mismatches, import cycles. Without a position they are anchored to the go.mod or go.work file.</description></item>
///   <item><term>GO2001</term><description>go's <c>note: module requires Go 1.21</c> after a package's compile errors: the toolchain is older than that module's go line. One error naming the module, the version, the toolchain used and what to set.</description></item>
///   <item><term>GO3000</term><description>Linker error: a line without a position under a <c># package</c> header, such as <c>relocation target main.x not defined</c> or <c>link: running gcc failed</c> with the external linker's output.</description></item>
///   <item><term>GO4000</term><description>cgo or C compiler error: <c>x.c:3:5: error: ...</c>, a <c>fatal error:</c> in a cgo preamble, <c>cgo: C compiler "gcc" not found</c>.</description></item>
///   <item><term>GO4001</term><description>Warning from the C compiler (<c>warning:</c>).</description></item>
/// </list>
/// </remarks>
public static class GoDiagnosticCodes
{
    public const string Unrecognized = "GO0000";
    public const string Compiler = "GO1000";
    public const string CompilerStoppedEarly = "GO1001";
    public const string Module = "GO2000";
    public const string ModuleRequiresNewerGo = "GO2001";
    public const string Linker = "GO3000";
    public const string CCompiler = "GO4000";
    public const string CCompilerWarning = "GO4001";
}
