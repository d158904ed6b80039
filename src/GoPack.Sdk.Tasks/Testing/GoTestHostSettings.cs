using System;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GoPack.Sdk.Testing;

/// <summary>
/// What GoPack's Microsoft.Testing.Platform host needs to run a project's Go tests as GoTest would, written to obj/ when
/// dotnet computes the run command; and the command `dotnet run` would have started, which the host starts when it is
/// not run by dotnet test.
/// </summary>
public sealed class GoTestHostSettings
{
    public string ProjectFile { get; set; } = "";
    public string ProjectName { get; set; } = "";
    public string GoExecutable { get; set; } = "";
    public string GoRoot { get; set; } = "";
    public string ToolchainVersion { get; set; } = "";
    public string WorkingDirectory { get; set; } = "";
    public string ModuleFile { get; set; } = "";
    public string[] Patterns { get; set; } = Array.Empty<string>();
    public string PackageListFile { get; set; } = "";
    public string[] Flags { get; set; } = Array.Empty<string>();
    public bool CgoEnabled { get; set; }
    public string TestTimeout { get; set; } = "";
    public bool Race { get; set; }
    public bool Short { get; set; }
    public string ExtraFlags { get; set; } = "";
    public string Bench { get; set; } = "";
    public string RunCommand { get; set; } = "";
    public string RunArguments { get; set; } = "";
    public string RunWorkingDirectory { get; set; } = "";

    public string ToJson() => JsonSerializer.Serialize(this, GoTestHostSettingsJson.Default.GoTestHostSettings);

    public static GoTestHostSettings FromJson(string json) =>
        JsonSerializer.Deserialize(json, GoTestHostSettingsJson.Default.GoTestHostSettings) ?? throw new JsonException("The settings file is empty.");

    /// <summary>Writes the file only when its content changes.</summary>
    public void Save(string path)
    {
        var json = ToJson();
        if (File.Exists(path) && File.ReadAllText(path) == json) return;
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        File.WriteAllText(path, json, new UTF8Encoding(false));
    }
}

/// <summary>The settings' JSON, generated at compile time (written on every `dotnet test`, read by the test host at its start).</summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(GoTestHostSettings))]
internal sealed partial class GoTestHostSettingsJson : JsonSerializerContext
{
}
