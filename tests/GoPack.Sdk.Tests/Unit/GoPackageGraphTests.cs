using GoPack.Sdk.Packages;

namespace GoPack.Sdk.Tests.Unit;

/// <summary>
/// GoPackageGraph.MainsCoverAll decides whether GoBuild may skip compiling every package: a wrong "true" would let a
/// broken package no program imports pass the build, so every doubt must answer false.
/// </summary>
public sealed class GoPackageGraphTests
{
    private static GoPackageInfo Package(string path, string name, params string[] imports) =>
        new("example.com/m/" + path, name, "/src/" + path, [], imports.Select(i => Standard.Contains(i) ? i : "example.com/m/" + i).ToList());

    private static readonly string[] Standard = ["fmt", "strings"];

    [Fact]
    public void Programs_that_import_every_package_directly_or_not_cover_the_module()
    {
        var packages = new[] { Package("cmd/app", "main", "lib", "fmt"), Package("lib", "lib", "lib/inner"), Package("lib/inner", "inner", "strings") };
        Assert.True(GoPackageGraph.MainsCoverAll(packages, ["example.com/m/cmd/app"]));
    }

    [Fact]
    public void A_package_no_chosen_program_imports_a_program_not_chosen_and_unknown_imports_do_not()
    {
        var packages = new List<GoPackageInfo> { Package("cmd/app", "main", "lib"), Package("lib", "lib"), Package("orphan", "orphan") };
        Assert.False(GoPackageGraph.MainsCoverAll(packages, ["example.com/m/cmd/app"]));

        var twoPrograms = new[] { Package("cmd/app", "main", "lib"), Package("lib", "lib"), Package("cmd/tool", "main", "lib") };
        Assert.False(GoPackageGraph.MainsCoverAll(twoPrograms, ["example.com/m/cmd/app"]));
        Assert.True(GoPackageGraph.MainsCoverAll(twoPrograms, ["example.com/m/cmd/app", "example.com/m/cmd/tool"]));

        // A list without imports (written by an older GoPack, or a package go could not read) proves nothing.
        var unknown = new[] { Package("cmd/app", "main", "lib"), new GoPackageInfo("example.com/m/lib", "lib", "/src/lib", []) };
        Assert.False(GoPackageGraph.MainsCoverAll(unknown, ["example.com/m/cmd/app"]));
        Assert.False(GoPackageGraph.MainsCoverAll([], []));
        // An import cycle (go reports it; the walk must still end).
        var cycle = new[] { Package("cmd/app", "main", "a"), Package("a", "a", "b"), Package("b", "b", "a") };
        Assert.True(GoPackageGraph.MainsCoverAll(cycle, ["example.com/m/cmd/app"]));
    }

    [Fact]
    public void The_package_list_keeps_imports_and_an_earlier_list_without_them_reads_with_imports_unknown()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("gopack-list-").FullName, "list.json");
        try
        {
            GoPackageList.Write(file, [Package("cmd/app", "main", "lib", "fmt")]);
            Assert.Equal(["example.com/m/lib", "fmt"], GoPackageList.Read(file).Single().Imports);

            File.WriteAllText(file, """{"format":2,"packages":[{"importPath":"example.com/m","name":"main","directory":"/src","embedFiles":[]}]}""");
            var earlier = GoPackageList.Read(file).Single();
            Assert.Equal(("example.com/m", "main"), (earlier.ImportPath, earlier.Name));
            Assert.Null(earlier.Imports);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
        }
    }
}
