using GoPack.Sdk.Tests.Infrastructure;

namespace GoPack.Sdk.Tests.EndToEnd;

/// <summary>
/// What Vercel refuses in a function project, GoPack refuses with a GOPACK code at the file, line and column, and a
/// message saying what to do. Each step follows the previous message's advice and the build gets past that error.
/// </summary>
public sealed class FunctionErrorTests(TestEnvironment environment) : IClassFixture<TestEnvironment>
{
    private const string Handler = "import \"net/http\"\n\nfunc Handler(w http.ResponseWriter, r *http.Request) {}\n";

    [Fact]
    public void Each_mistake_is_an_error_at_its_place_and_following_its_advice_fixes_it()
    {
        var project = Functions.Create(environment, "mistakes");
        project.WriteFile("go.mod", "module example.com/mistakes\n\ngo 1.19\n");
        project.WriteFile("api/text.go", "package handler\n\nimport \"net/http\"\n\nfunc WriteText(w http.ResponseWriter, s string) {}\n");
        project.WriteProjectFile("<PropertyGroup><GoFunctions>true</GoFunctions></PropertyGroup>");

        var none = project.Build();
        Assert.NotEqual(0, none.ExitCode);
        Assert.Contains($"{project.ProjectFile} : error GOPACK0080: This is a function project (GoFunctions=true, or no go.mod and no main.go), but none of the 1 Go file(s) under api/ exports", none.Output);
        Assert.Contains("Add one, e.g. api/index.go", none.Output);

        // The advice: a function in api/index.go. Next mistake: a package main function with a go.mod.
        project.WriteFile("api/index.go", "package handler\n\n" + Handler);
        project.WriteFile("api/legacy/main.go", "package main\n\n" + Handler);
        var main = project.Build();
        Assert.NotEqual(0, main.ExitCode);
        Assert.DoesNotContain("GOPACK0080", main.Output);
        Assert.Contains($"{project.Path("api/legacy/main.go")}(1,9): error GOPACK0081: api/legacy/main.go is `package main`", main.Output);
        Assert.Contains("Please change `package main` to `package handler`", main.Output);

        // The advice: package handler. Next: a handler whose Request is not a pointer.
        project.WriteFile("api/legacy/main.go", "package handler\n\n" + Handler);
        project.WriteFile("api/bad/bad.go", "package bad\n\nimport \"net/http\"\n\n// Handler has a typo.\nfunc Handler(w http.ResponseWriter, r http.Request) {}\n");
        var signature = project.Build();
        Assert.NotEqual(0, signature.ExitCode);
        Assert.DoesNotContain("GOPACK0081", signature.Output);
        Assert.Contains($"{project.Path("api/bad/bad.go")}(6,6): error GOPACK0082: Handler in api/bad/bad.go is not an HTTP handler: its parameters must be (http.ResponseWriter, *http.Request) (func Handler(w http.ResponseWriter, r http.Request))", signature.Output);

        // The advice: fix the signature. Next: two files answering one route.
        project.WriteFile("api/bad/bad.go", "package bad\n\n" + Handler);
        project.WriteFile("api/users.go", "package handler\n\nimport \"net/http\"\n\nfunc Users(w http.ResponseWriter, r *http.Request) {}\n");
        project.WriteFile("api/users/index.go", "package users\n\n" + Handler);
        var clash = project.Build();
        Assert.NotEqual(0, clash.ExitCode);
        Assert.DoesNotContain("GOPACK0082", clash.Output);
        Assert.Contains("error GOPACK0083: api/users/index.go and api/users.go both answer /api/users. Rename or remove one of them.", clash.Output);

        // The advice: remove one. Next: a syntax error, reported where it is; then an unwritable tools cache.
        File.Delete(project.Path("api/users.go"));
        project.WriteFile("api/bad/bad.go", "package bad\n\nfunc (\n");
        var syntax = project.Build();
        Assert.NotEqual(0, syntax.ExitCode);
        Assert.DoesNotContain("GOPACK0083", syntax.Output);
        Assert.Contains($"{project.Path("api/bad/bad.go")}(3,8): error GO1000: expected ')', found 'EOF'", syntax.Output);

        project.WriteFile("api/bad/bad.go", "package bad\n\n" + Handler);
        var notAFolder = Path.Combine(environment.Root, "tools-is-a-file-" + Guid.NewGuid().ToString("N")[..8]);
        File.WriteAllText(notAFolder, "");
        project.Environment["GoToolsCache"] = notAFolder;
        var cache = project.Build();
        Assert.NotEqual(0, cache.ExitCode);
        Assert.DoesNotContain("GO1000", cache.Output);
        Assert.Contains("error GOPACK0084: GoPack can't write its functions analyzer into", cache.Output);
        Assert.Contains("Set the GoToolsCache property to a folder you can write to.", cache.Output);

        project.Environment["GoToolsCache"] = Path.Combine(environment.Root, "tools-writable");
        var fixedBuild = project.Build();
        Assert.True(fixedBuild.ExitCode == 0, fixedBuild.ToString());
        Assert.Equal(["/api", "/api/bad/bad", "/api/index", "/api/legacy/main", "/api/users", "/api/users/index"],
            Functions.Manifest(project, "Debug").Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_folder_parameter_and_a_catch_all_are_refused_and_GoFunctions_false_keeps_a_folder_from_being_a_function_project()
    {
        var project = Functions.Create(environment, "routes");
        project.WriteFile("api/[team]/members.go", "package team\n\n" + Handler);
        project.WriteFile("api/posts/[...slug].go", "package posts\n\n" + Handler);
        project.WriteProjectFile();

        var build = project.Build();
        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains($"{project.Path("api/[team]/members.go")} : error GOPACK0083: api/[team]/members.go can't be a function: the folder '[team]' can't be a route parameter", build.Output);
        Assert.Contains($"{project.Path("api/posts/[...slug].go")} : error GOPACK0083: api/posts/[...slug].go can't be a function: '[...slug]' is not a route parameter GoPack supports", build.Output);

        var off = project.Build("-p:GoFunctions=false");
        Assert.NotEqual(0, off.ExitCode);
        Assert.Contains("error GOPACK0002", off.Output);
    }
}
