using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GoPack.Sdk.Functions;

/// <summary>
/// What the functions analyzer (sdk/tools/functions-analyzer, Go's own go/parser and go/build) found in each file
/// under api/. Read from the JSON it writes; GoPack keeps that JSON in obj/ as the analysis cache.
/// </summary>
public sealed class FunctionAnalysis
{
    /// <summary>The format the analyzer of this GoPack writes; a cache of another format is analysed again.</summary>
    public const int FormatVersion = 1;

    public int Version { get; set; }

    public List<AnalyzedFile> Files { get; set; } = new List<AnalyzedFile>();

    /// <summary>Parses the analyzer's JSON.</summary>
    /// <exception cref="FormatException">Not JSON of the current format.</exception>
    public static FunctionAnalysis Parse(string json)
    {
        FunctionAnalysis? analysis;
        try
        {
            analysis = JsonSerializer.Deserialize(json, FunctionAnalysisJson.Default.FunctionAnalysis);
        }
        catch (JsonException e)
        {
            throw new FormatException("The functions analysis is not valid JSON: " + e.Message, e);
        }

        if (analysis is null || analysis.Version != FormatVersion)
        {
            throw new FormatException($"The functions analysis has format {analysis?.Version}, not {FormatVersion}.");
        }

        // The analyzer writes each api/ file once, by its slash-separated path under api/; a file in obj/ that says
        // otherwise was not written by it (edited, cut short, another GoPack's), and the planner must not guess.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in analysis.Files)
        {
            if (file is null || file.Path is null || !file.Path.StartsWith("api/", StringComparison.Ordinal) || !seen.Add(file.Path))
            {
                throw new FormatException($"The functions analysis lists {(file?.Path is null ? "a file without a path" : "'" + file.Path + "'")}, which is not one file under api/.");
            }

            if (file.Invalid is null || file.Invalid.Any(f => f is null) || (file.Handler is not null && string.IsNullOrEmpty(file.Handler.Name)))
            {
                throw new FormatException($"The functions analysis of '{file.Path}' is incomplete.");
            }
        }

        return analysis;
    }
}

/// <summary>One Go file under api/.</summary>
public sealed class AnalyzedFile
{
    /// <summary>Slash-separated, relative to the project root: "api/users/[id].go".</summary>
    public string Path { get; set; } = "";

    /// <summary>Build constraints (//go:build, _GOOS file names, cgo) leave the file out of the build.</summary>
    public bool Excluded { get; set; }

    /// <summary>The package clause's name.</summary>
    public string? Package { get; set; }

    public int PackageLine { get; set; }

    public int PackageColumn { get; set; }

    /// <summary>Byte offset of the package name in the file.</summary>
    public int PackageOffset { get; set; }

    /// <summary>The file's function: its first exported, receiver-less func(http.ResponseWriter, *http.Request).</summary>
    public AnalyzedFunction? Handler { get; set; }

    /// <summary>Without a handler: exported functions that take a ResponseWriter and a Request but are no HandlerFunc.</summary>
    public List<AnalyzedFunction> Invalid { get; set; } = new List<AnalyzedFunction>();

    /// <summary>The first syntax error, when the file could not be parsed.</summary>
    public AnalyzedError? Error { get; set; }
}

public sealed class AnalyzedFunction
{
    public string Name { get; set; } = "";

    public int Line { get; set; }

    public int Column { get; set; }

    /// <summary>As written, e.g. "func Handler(w http.ResponseWriter, r http.Request)".</summary>
    public string? Signature { get; set; }

    /// <summary>Why it is not a handler.</summary>
    public string? Problem { get; set; }
}

public sealed class AnalyzedError
{
    public int Line { get; set; }

    public int Column { get; set; }

    public string Message { get; set; } = "";
}

/// <summary>The analysis' JSON, generated at compile time; the analyzer writes Go's field names, matched case-insensitively.</summary>
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(FunctionAnalysis))]
internal sealed partial class FunctionAnalysisJson : JsonSerializerContext
{
}
