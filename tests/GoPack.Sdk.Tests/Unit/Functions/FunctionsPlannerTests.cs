using System.Text;
using System.Text.Json;
using GoPack.Sdk.Functions;

namespace GoPack.Sdk.Tests.Unit.Functions;

public class FunctionsPlannerTests
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "planner-root");
    private static readonly string Obj = Path.Combine(Root, "obj", "Debug", "_gofunctions");

    private static AnalyzedFile Handler(string path, string function = "Handler", string package = "handler") =>
        new() { Path = path, Package = package, PackageLine = 1, PackageColumn = 9, PackageOffset = 8, Handler = new AnalyzedFunction { Name = function, Line = 5, Column = 6 } };

    private static FunctionsPlan Plan(IEnumerable<AnalyzedFile> files, string? modulePath = "example.com/app", bool required = false, IReadOnlyList<string>? sources = null,
        Func<string, byte[]>? read = null)
    {
        var analysis = new FunctionAnalysis { Version = FunctionAnalysis.FormatVersion, Files = files.ToList() };
        return FunctionsPlanner.Plan(new FunctionsPlanOptions
        {
            ProjectRoot = Root,
            ModulePath = modulePath,
            GoVersion = "1.19",
            Required = required,
            Analysis = analysis,
            Sources = sources ?? analysis.Files.Select(f => f.Path).ToList(),
            IntermediateDirectory = Obj,
            BinaryName = "app",
            ReadFile = read ?? (_ => throw new InvalidOperationException("no file should be read")),
        });
    }

    private static string FileText(FunctionsPlan plan, string name) => plan.Files.Single(f => Path.GetFileName(f.Path) == name).Content;

    [Fact]
    public void Without_functions_a_module_is_not_a_function_project()
    {
        var plan = Plan([new AnalyzedFile { Path = "api/helpers.go", Package = "handler" }]);

        Assert.False(plan.IsFunctionProject);
        Assert.True(plan.Succeeded);
        Assert.Empty(plan.Files);
    }

    [Fact]
    public void Required_without_functions_is_GOPACK0080_saying_what_to_add()
    {
        var plan = Plan([new AnalyzedFile { Path = "api/helpers.go", Package = "handler" }], required: true);

        var error = Assert.Single(plan.Errors);
        Assert.Equal("GOPACK0080", error.Code);
        Assert.Contains("none of the 1 Go file(s) under api/ exports", error.Message);
        Assert.Contains("api/index.go", error.Message);
    }

    [Fact]
    public void Two_packages_named_handler_with_a_Handler_each_get_aliases_of_their_own()
    {
        var plan = Plan([Handler("api/index.go"), Handler("api/v2/index.go"), Handler("api/users/[id].go", "User", "users")]);

        Assert.True(plan.Succeeded);
        var main = FileText(plan, "main.go");
        Assert.Contains("\tfn0 \"example.com/app/api\"\n", main);
        Assert.Contains("\tfn1 \"example.com/app/api/users\"\n", main);
        Assert.Contains("\tfn2 \"example.com/app/api/v2\"\n", main);
        Assert.Contains("\t\"/api\": fn0.Handler,\n", main);
        Assert.Contains("\t\"/api/v2/index\": fn2.Handler,\n", main);
        Assert.Contains("\t{segments: []string{\"api\", \"users\", \":id\"}, handler: fn1.User},\n", main);
        Assert.Equal("./_gopack/functions", plan.MainPackagePattern);
        Assert.Equal(Path.Combine(Root, "_gopack", "functions"), plan.MainPackageDirectory);
    }

    [Fact]
    public void The_overlay_shows_go_the_main_package_and_a_bracket_file_under_a_name_it_accepts()
    {
        var plan = Plan([Handler("api/index.go"), Handler("api/users/[id].go", "User", "users")],
            sources: ["api/index.go", "api/users/[id].go", "api/users/[id]_test.go"]);

        using var overlay = JsonDocument.Parse(FileText(plan, "overlay.json"));
        var replace = overlay.RootElement.GetProperty("Replace").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
        var users = Path.Combine(Root, "api", "users");
        Assert.Equal(new Dictionary<string, string?>
        {
            [Path.Combine(Root, "_gopack", "functions", "main.go")] = Path.Combine(Obj, "main.go"),
            [Path.Combine(users, "[id].go")] = "",
            [Path.Combine(users, "gopack_route_[id].go")] = Path.Combine(users, "[id].go"),
            [Path.Combine(users, "[id]_test.go")] = "",
            [Path.Combine(users, "gopack_route_[id]_test.go")] = Path.Combine(users, "[id]_test.go"),
        }, replace);
        Assert.Equal(plan.OverlayFile, Path.Combine(Obj, "overlay.json"));
        Assert.False(plan.TemporaryModule);
    }

    [Fact]
    public void Package_main_with_a_go_mod_is_GOPACK0081_at_the_package_clause()
    {
        var plan = Plan([Handler("api/index.go", package: "main")]);

        var error = Assert.Single(plan.Errors);
        Assert.Equal(("GOPACK0081", Path.Combine(Root, "api", "index.go"), 1, 9), (error.Code, error.File, error.Line, error.Column));
        Assert.Contains("Please change `package main` to `package handler`", error.Message);
    }

    [Fact]
    public void Without_go_mod_a_temporary_module_is_lent_and_package_main_is_compiled_from_a_renamed_copy()
    {
        var source = "// Hi.\npackage main\n\nfunc Hello() {}\n";
        var file = Handler("api/hello.go", "Hello", "main");
        file.PackageOffset = source.IndexOf("main", StringComparison.Ordinal);

        var plan = Plan([file], modulePath: null, read: _ => Encoding.UTF8.GetBytes(source));

        Assert.True(plan.Succeeded);
        Assert.True(plan.TemporaryModule);
        Assert.Equal("gopack.local/functions", plan.ModulePath);
        Assert.EndsWith("\nmodule gopack.local/functions\n\ngo 1.19\n", FileText(plan, "go.mod"));
        var original = Path.Combine(Root, "api", "hello.go");
        Assert.Equal($"//line {original}:1:1\n// Hi.\npackage handler\n\nfunc Hello() {{}}\n", FileText(plan, "0_hello.go"));
        using var overlay = JsonDocument.Parse(FileText(plan, "overlay.json"));
        var replace = overlay.RootElement.GetProperty("Replace");
        Assert.Equal(Path.Combine(Obj, "go.mod"), replace.GetProperty(Path.Combine(Root, "go.mod")).GetString());
        Assert.Equal(Path.Combine(Obj, "src", "0_hello.go"), replace.GetProperty(original).GetString());
        Assert.Equal("handler", plan.Functions.Single().PackageName);
        Assert.Equal("gopack.local/functions/api", plan.Functions.Single().ImportPath);
    }

    [Fact]
    public void A_signature_mistake_is_GOPACK0082_naming_the_file_and_function_unless_the_file_has_a_handler()
    {
        var bad = new AnalyzedFile
        {
            Path = "api/bad.go",
            Package = "handler",
            Invalid = [new AnalyzedFunction { Name = "Handler", Line = 7, Column = 6, Signature = "func Handler(w http.ResponseWriter, r http.Request)", Problem = "its parameters must be (http.ResponseWriter, *http.Request)" }],
        };

        var plan = Plan([Handler("api/index.go"), bad]);

        var error = Assert.Single(plan.Errors);
        Assert.Equal(("GOPACK0082", Path.Combine(Root, "api", "bad.go"), 7, 6), (error.Code, error.File, error.Line, error.Column));
        Assert.StartsWith("Handler in api/bad.go is not an HTTP handler: its parameters must be (http.ResponseWriter, *http.Request) (func Handler(w http.ResponseWriter, r http.Request)).", error.Message);
        Assert.Contains("make it unexported or move it out of api/", error.Message);
    }

    [Fact]
    public void Two_files_answering_one_route_are_GOPACK0083()
    {
        var plan = Plan([Handler("api/users.go", "Users"), Handler("api/users/index.go", package: "users"), Handler("api/items/[id].go", package: "items"), Handler("api/items/[sku].go", "Sku", "items")]);

        Assert.Equal(
            [
                "api/users/index.go and api/users.go both answer /api/users. Rename or remove one of them.",
                "api/items/[sku].go and api/items/[id].go both answer /api/items/:sku (/api/items/:id). Rename or remove one of them.",
            ],
            plan.Errors.Select(e => e.Message).Order(StringComparer.Ordinal).Reverse());
        Assert.All(plan.Errors, e => Assert.Equal("GOPACK0083", e.Code));
    }

    [Fact]
    public void A_syntax_error_in_a_function_project_is_GO1000_where_go_parser_found_it()
    {
        var plan = Plan([Handler("api/index.go"), new AnalyzedFile { Path = "api/broken.go", Error = new AnalyzedError { Line = 3, Column = 14, Message = "expected ')', found 'EOF'" } }]);

        var error = Assert.Single(plan.Errors);
        Assert.Equal(("GO1000", Path.Combine(Root, "api", "broken.go"), 3, 14, "expected ')', found 'EOF'"), (error.Code, error.File, error.Line, error.Column, error.Message));
    }

    [Fact]
    public void Excluded_files_count_for_nothing()
    {
        var excluded = Handler("api/extra.go");
        excluded.Excluded = true;

        Assert.False(Plan([excluded]).IsFunctionProject);
    }

    [Fact]
    public void The_manifest_lists_every_route_in_match_order_with_its_function_package_and_source()
    {
        var plan = Plan([Handler("api/index.go"), Handler("api/users/[id].go", "User", "users"), Handler("api/users/me.go", "Me", "users")]);

        using var manifest = JsonDocument.Parse(FileText(plan, "functions.json"));
        Assert.Equal(1, manifest.RootElement.GetProperty("version").GetInt32());
        Assert.Equal("app", manifest.RootElement.GetProperty("binary").GetString());
        Assert.Equal("example.com/app", manifest.RootElement.GetProperty("module").GetString());
        var routes = manifest.RootElement.GetProperty("routes").EnumerateArray().ToList();
        Assert.Equal(["/api", "/api/index", "/api/users/me", "/api/users/:id"], routes.Select(r => r.GetProperty("route").GetString()));
        var user = routes[3];
        Assert.Equal(("User", "example.com/app/api/users", "users", "api/users/[id].go"),
            (user.GetProperty("function").GetString(), user.GetProperty("package").GetString(), user.GetProperty("packageName").GetString(), user.GetProperty("source").GetString()));
        Assert.Equal(["id"], user.GetProperty("parameters").EnumerateArray().Select(p => p.GetString()));
    }

    [Theory]
    [InlineData("[id].go", false)]
    [InlineData("-x.go", false)]
    [InlineData("@x.go", false)]
    [InlineData("x[id].go", true)]
    [InlineData("index.go", true)]
    [InlineData("9.go", true)]
    [InlineData("é.go", true)]
    public void Knows_which_file_names_go_accepts(string name, bool accepted)
    {
        Assert.Equal(accepted, FunctionsPlanner.IsNameGoAccepts(name));
    }

    [Theory]
    [InlineData("a\"b\\c\n", "\"a\\\"b\\\\c\\n\"")]
    [InlineData("/api/é", "\"/api/é\"")]
    [InlineData("\u0001", "\"\\x01\"")]
    public void Quotes_go_strings(string text, string expected)
    {
        Assert.Equal(expected, FunctionsMainGenerator.Quote(text));
    }
}
