namespace GoPack.Sdk.Tests.Unit.Project;

/// <summary>
/// A real directory tree under the temp folder, deleted on dispose. Its root holds .git unless asked otherwise, so
/// the upward search for go.mod/go.work stops there and a stray /tmp/go.mod cannot leak into a test.
/// </summary>
internal sealed class TempTree : IDisposable
{
    public const string MainSource = "package main\n\nfunc main() {}\n";

    public TempTree(bool gitRoot = true)
    {
        Root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "gopack-project-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        if (gitRoot)
        {
            Directory.CreateDirectory(System.IO.Path.Combine(Root, ".git"));
        }
    }

    public string Root { get; }

    public string Path(string relative) =>
        relative is "" or "." ? Root : System.IO.Path.Combine(Root, relative.Replace('/', System.IO.Path.DirectorySeparatorChar));

    public string File(string relative, string content = "")
    {
        var path = Path(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    public string Dir(string relative) => Directory.CreateDirectory(Path(relative)).FullName.TrimEnd(System.IO.Path.DirectorySeparatorChar);

    /// <summary>A main package in <paramref name="directory"/> ("" for the root).</summary>
    public string Main(string directory, string fileName = "main.go") =>
        File(directory.Length == 0 ? fileName : directory + "/" + fileName, MainSource);

    public string Library(string directory, string package, string fileName = "lib.go") =>
        File(directory.Length == 0 ? fileName : directory + "/" + fileName, $"package {package}\n\nfunc F() {{}}\n");

    public string Module(string directory, string modulePath, string goLine = "1.22") =>
        File(directory.Length == 0 ? "go.mod" : directory + "/go.mod", $"module {modulePath}\n\ngo {goLine}\n");

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}

internal static class Env
{
    public static IReadOnlyDictionary<string, string> Of(params (string Name, string Value)[] variables) =>
        variables.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);

    public static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>();
}
