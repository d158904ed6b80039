using System.Text.Json;
using Json.Schema;

namespace GoPack.Sdk.Tests.Infrastructure;

/// <summary>Validates a CycloneDX document against TestData/bom-1.5.schema.json with JsonSchema.Net, formats included.</summary>
public static class CycloneDxSchema
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "bom-1.5.schema.json"))));

    /// <summary>The schema's complaints, "location: message" each; empty when the document is valid.</summary>
    public static IReadOnlyList<string> Errors(string json)
    {
        using var document = JsonDocument.Parse(json);
        var results = Schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        if (results.IsValid) return [];
        return (results.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"))
            .DefaultIfEmpty("invalid")
            .ToList();
    }
}
