namespace GoPack.Sdk.Diagnostics;

public enum GoDiagnosticSeverity
{
    Error,
    Warning,
    Message,
}

/// <summary>
/// One problem the go command reported, ready for MSBuild's <c>LogError</c>/<c>LogWarning</c>.
/// </summary>
/// <param name="Message">Always one line: Go's indented continuation lines are folded into it.</param>
/// <param name="File">Absolute path, or null when Go named no file and there was no go.mod to anchor to.</param>
/// <param name="Line">1-based; 0 when Go gave no line.</param>
/// <param name="Column">1-based; 0 when Go gave no column.</param>
/// <param name="Package">The <c># import/path</c> header the line appeared under, as Go printed it (a test build reads "example.com/x [example.com/x.test]"); null outside one.</param>
public sealed record GoDiagnostic(GoDiagnosticSeverity Severity, string Code, string Message, string? File, int Line, int Column, string? Package);

/// <summary>
/// One entry of go command output: a <see cref="Diagnostic"/>, or a <see cref="Text"/> line that is not a problem
/// (package headers, <c>-x</c>/<c>-v</c> echoes, progress) for the task to log as it sees fit. Exactly one is set.
/// </summary>
public sealed record GoOutputEntry(GoDiagnostic? Diagnostic, string? Text);
