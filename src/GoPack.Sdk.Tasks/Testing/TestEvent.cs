using System;
using System.Text.Json;

namespace GoPack.Sdk.Testing;

/// <summary>
/// One line of <c>go test -json</c> (cmd/test2json's TestEvent): <c>{"Time":…,"Action":"pass","Package":"x","Test":"TestA","Elapsed":0.01}</c>.
/// </summary>
/// <param name="Action">run, pause, cont, pass, bench, fail, output, skip, start; Go 1.24 adds build-output and build-fail.</param>
/// <param name="Package">The import path; for build-output/build-fail events the ImportPath field.</param>
/// <param name="Test">The test (subtests as Parent/child), or null for package events.</param>
/// <param name="Elapsed">Seconds, on pass/fail/skip.</param>
/// <param name="FailedBuild">Go 1.24+: on a package's fail event, the package whose build failed.</param>
public sealed record TestEvent(DateTimeOffset? Time, string Action, string? Package, string? Test, double? Elapsed, string? Output, string? FailedBuild);

/// <summary>Reads test2json lines. Anything that isn't one (stderr text, a truncated line) is not an event, never an exception.</summary>
public static class TestEventParser
{
    public static TestEvent? TryParse(string line)
    {
        if (line is null) return null;
        var text = line.Trim();
        if (text.Length < 2 || text[0] != '{' || text[text.Length - 1] != '}') return null;
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return null;
            var action = GetString(root, "Action");
            if (string.IsNullOrEmpty(action)) return null;
            DateTimeOffset? time = null;
            if (root.TryGetProperty("Time", out var t) && t.ValueKind == JsonValueKind.String && t.TryGetDateTimeOffset(out var parsed)) time = parsed;
            double? elapsed = null;
            if (root.TryGetProperty("Elapsed", out var e) && e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out var seconds)) elapsed = seconds;
            return new TestEvent(
                time,
                action!,
                GetString(root, "Package") ?? GetString(root, "ImportPath"),
                NullIfEmpty(GetString(root, "Test")),
                elapsed,
                GetString(root, "Output"),
                NullIfEmpty(GetString(root, "FailedBuild")));
        }
        catch (Exception e) when (e is JsonException || e is InvalidOperationException)
        {
            // InvalidOperationException: a string escaping half a surrogate pair ("\ud800"), which no Go JSON encoder writes.
            return null;
        }
    }

    private static string? GetString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
