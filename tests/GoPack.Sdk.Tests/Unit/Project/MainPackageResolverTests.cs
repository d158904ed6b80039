using GoPack.Sdk.Common;
using GoPack.Sdk.Packages;
using GoPack.Sdk.Project;
using GoPack.Sdk.Tasks;
using GoPack.Sdk.Tests.Infrastructure;
using Microsoft.Build.Framework;

namespace GoPack.Sdk.Tests.Unit.Project;

/// <summary>
/// The resolver works on go list's answer alone, so these lists are written by hand, under a root that need not
/// exist: nothing is read from disk.
/// </summary>
public sealed class MainPackageResolverTests
{
    private const string Module = "example.com/app";

    private static readonly string Root = Path.Combine(Path.GetTempPath(), "gopack-resolver-" + Guid.NewGuid().ToString("N"), "repo");

    // DetectGo publishes GoModuleRoot with a trailing separator; go list reports directories without one.
    private static readonly string ModuleRoot = Root + Path.DirectorySeparatorChar;

    private static readonly string OutputDirectory = Path.Combine(Root, "bin", "Debug") + Path.DirectorySeparatorChar;

    private static readonly string IntermediateDirectory = Path.Combine(Root, "obj", "Debug", "gobin") + Path.DirectorySeparatorChar;

    private static string Dir(string relative) =>
        relative.Length == 0 ? Root : Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    private static GoPackageInfo Package(string relative, string name, string module = Module, string? moduleDirectory = null, params string[] embeds)
    {
        var inModule = moduleDirectory is null || moduleDirectory.Length == 0
            ? relative
            : relative == moduleDirectory ? "" : relative.Substring(moduleDirectory.Length + 1);
        return new GoPackageInfo(inModule.Length == 0 ? module : module + "/" + inModule, name, Dir(relative), embeds);
    }

    private static GoPackageInfo Command(string relative, string module = Module, string? moduleDirectory = null) =>
        Package(relative, "main", module, moduleDirectory);

    private static GoPackageInfo Lib(string relative, string name, string module = Module, string? moduleDirectory = null) =>
        Package(relative, name, module, moduleDirectory);

    private static string Output(string name) => Path.Combine(OutputDirectory, name);

    private static MainPackageResolution Resolve(
        IReadOnlyList<GoPackageInfo> packages,
        string? mainPackage = null,
        GoProjectKind kind = GoProjectKind.Module,
        string[]? workspaceModules = null,
        string? workspaceModule = null,
        string[]? platformInstall = null,
        string? platformInstallSource = null,
        string? binaryName = null,
        string? naming = null,
        string suffix = "",
        string[]? buildPatterns = null,
        IReadOnlyDictionary<string, string>? environment = null) =>
        MainPackageResolver.Resolve(new MainPackageResolverOptions
        {
            Packages = packages,
            ProjectKind = kind,
            ModuleRoot = ModuleRoot,
            BuildPatterns = buildPatterns ?? (kind == GoProjectKind.File ? new[] { "main.go" } : new[] { "./..." }),
            WorkspaceModules = workspaceModules ?? Array.Empty<string>(),
            MainPackages = mainPackage is null ? Array.Empty<string>() : new[] { mainPackage },
            WorkspaceModule = workspaceModule,
            PlatformInstall = platformInstall ?? Array.Empty<string>(),
            PlatformInstallSource = platformInstallSource,
            BinaryName = binaryName,
            BinaryNaming = naming,
            DefaultBinaryName = "MyApp",
            ExecutableSuffix = suffix,
            OutputDirectory = OutputDirectory,
            IntermediateDirectory = IntermediateDirectory,
            Environment = environment ?? Env.None,
        });

    private static MainPackageResolution Succeeds(MainPackageResolution result)
    {
        Assert.True(result.Succeeded, result.Error);
        return result;
    }

    private static (string ImportPath, string BinaryName)[] Chosen(MainPackageResolution result) =>
        Succeeds(result).Packages.Select(p => (p.ImportPath, p.BinaryName)).ToArray();

    private static string Single(MainPackageResolution result) => Succeeds(result).Packages.Single().ImportPath;

    /// <summary>A module with a library at its root, internal/lib, and cmd/api + cmd/worker.</summary>
    private static GoPackageInfo[] CmdLayout(params GoPackageInfo[] more) =>
        new[] { Lib("", "app"), Command("cmd/api"), Command("cmd/worker"), Lib("internal/lib", "lib") }.Concat(more).ToArray();

    // Module layout

    [Fact]
    public void Module_root_that_is_main_is_the_one_binary_named_after_the_assembly()
    {
        var result = Succeeds(Resolve(new[] { Command(""), Command("cmd/tool"), Lib("internal/x", "x") }));

        var package = Assert.Single(result.Packages);
        Assert.Equal(new ResolvedMainPackage(Module, Root, "MyApp", Path.Combine(IntermediateDirectory, "app"), Output("MyApp"), "module layout"), package);
        Assert.Equal(Output("MyApp"), result.PrimaryOutputPath);
        Assert.False(result.IsLibrary);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Every_cmd_main_package_is_its_own_binary_named_after_its_directory()
    {
        var result = Resolve(CmdLayout(Lib("cmd/shared", "shared"), Command("cmd/group/deep")));

        Assert.Equal(new[] { (Module + "/cmd/api", "api"), (Module + "/cmd/worker", "worker") }, Chosen(result));
        Assert.All(result.Packages, p => Assert.Equal("module layout", p.Source));
        Assert.Equal(Path.Combine(IntermediateDirectory, "worker"), result.Packages[1].IntermediatePath);
        Assert.Equal(Output("api"), result.PrimaryOutputPath);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Cmd_packages_are_in_directory_order_whatever_go_list_order()
    {
        var result = Resolve(new[] { Command("cmd/zeta"), Command("cmd/alpha"), Command("cmd/mid") });

        Assert.Equal(new[] { "alpha", "mid", "zeta" }, Succeeds(result).Packages.Select(p => p.BinaryName));
    }

    [Fact]
    public void A_single_cmd_main_package_takes_the_assembly_name()
    {
        Assert.Equal(new[] { (Module + "/cmd/server", "MyApp") }, Chosen(Resolve(new[] { Lib("", "app"), Command("cmd/server") })));
    }

    [Fact]
    public void Cmd_itself_being_main_counts_when_the_root_is_not()
    {
        Assert.Equal(new[] { (Module + "/cmd", "MyApp") }, Chosen(Resolve(new[] { Lib("", "app"), Command("cmd"), Lib("cmd/internal", "internal") })));

        Assert.Equal(
            new[] { (Module + "/cmd", "cmd"), (Module + "/cmd/tool", "tool") },
            Chosen(Resolve(new[] { Command("cmd/tool"), Command("cmd") })));

        Assert.Equal(new[] { (Module, "MyApp") }, Chosen(Resolve(new[] { Command(""), Command("cmd") })));
    }

    [Fact]
    public void A_library_ships_nothing_and_is_no_error()
    {
        var result = Succeeds(Resolve(new[] { Lib("", "uuid", "github.com/google/uuid"), Lib("internal/x", "x", "github.com/google/uuid") }));

        Assert.True(result.IsLibrary);
        Assert.Empty(result.Packages);
        Assert.Equal("", result.PrimaryOutputPath);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void A_library_with_main_packages_elsewhere_names_them_in_a_warning()
    {
        var result = Succeeds(Resolve(new[] { Lib("", "app"), Command("tools/gen"), Command("examples/hello") }));

        Assert.True(result.IsLibrary);
        var warning = Assert.Single(result.Warnings);
        Assert.StartsWith("No main package in the module root or its cmd/ directory, so the project is built as a library", warning);
        Assert.Contains("Main packages elsewhere: ./tools/gen, ./examples/hello. Set GoMainPackage to build them.", warning);
    }

    [Fact]
    public void Embed_files_of_every_package_once()
    {
        var packages = new[]
        {
            Package("", "main", Module, null, Dir("static/a.txt"), Dir("static/b.txt")),
            Package("internal/web", "web", Module, null, Dir("static/a.txt"), Dir("internal/web/page.html")),
        };

        Assert.Equal(new[] { Dir("static/a.txt"), Dir("static/b.txt"), Dir("internal/web/page.html") }, Succeeds(Resolve(packages)).EmbedFiles);
    }

    [Fact]
    public void Embed_files_of_a_library_are_inputs_too()
    {
        var result = Succeeds(Resolve(new[] { Package("", "lib", Module, null, Dir("data.json")) }));

        Assert.True(result.IsLibrary);
        Assert.Equal(new[] { Dir("data.json") }, result.EmbedFiles);
    }

    // Workspaces

    private static readonly string[] Uses = { "./shared", "./api", "./admin" };

    private static GoPackageInfo[] Workspace() => new[]
    {
        Lib("shared", "shared", "example.com/shared", "shared"),
        Command("api", "example.com/api", "api"),
        Command("admin", "example.com/admin", "admin"),
        Lib("admin/internal/db", "db", "example.com/admin", "admin"),
    };

    [Fact]
    public void Workspace_builds_the_first_go_work_module_with_a_main_package()
    {
        var result = Resolve(Workspace(), kind: GoProjectKind.Workspace, workspaceModules: Uses);

        Assert.Equal(new[] { ("example.com/api", "MyApp") }, Chosen(result));
        Assert.Equal("the first go.work module with a main package (./api)", result.Packages[0].Source);
    }

    [Fact]
    public void Workspace_module_rule_is_the_module_rule_root_then_cmd()
    {
        var packages = new[]
        {
            Lib("shared", "shared", "example.com/shared", "shared"),
            Lib("svc", "svc", "example.com/svc", "svc"),
            Command("svc/cmd/consume", "example.com/svc", "svc"),
            Command("svc/cmd/produce", "example.com/svc", "svc"),
        };

        var result = Resolve(packages, kind: GoProjectKind.Workspace, workspaceModules: new[] { "shared", "svc" });

        Assert.Equal(new[] { ("example.com/svc/cmd/consume", "consume"), ("example.com/svc/cmd/produce", "produce") }, Chosen(result));
    }

    [Fact]
    public void Workspace_module_from_RAILPACK_GO_WORKSPACE_MODULE_and_the_property_wins()
    {
        var environment = Env.Of(("RAILPACK_GO_WORKSPACE_MODULE", "admin"));

        var fromVariable = Resolve(Workspace(), kind: GoProjectKind.Workspace, workspaceModules: Uses, environment: environment);
        Assert.Equal(new[] { ("example.com/admin", "MyApp") }, Chosen(fromVariable));
        Assert.Equal("RAILPACK_GO_WORKSPACE_MODULE", fromVariable.Packages[0].Source);

        var fromProperty = Resolve(Workspace(), kind: GoProjectKind.Workspace, workspaceModules: Uses, workspaceModule: "./api", environment: environment);
        Assert.Equal(new[] { ("example.com/api", "MyApp") }, Chosen(fromProperty));
        Assert.Equal("GoWorkspaceModule property", fromProperty.Packages[0].Source);
    }

    [Fact]
    public void Workspace_module_not_in_go_work_is_GOPACK0010()
    {
        var packages = Workspace().Append(Command("tools", "example.com/tools", "tools")).ToArray();

        var result = Resolve(packages, kind: GoProjectKind.Workspace, workspaceModules: Uses, workspaceModule: "tools");

        Assert.False(result.Succeeded);
        Assert.Equal(GoPackErrors.MainPackageNotFound, result.ErrorCode);
        Assert.Equal("Workspace module 'tools' (from GoWorkspaceModule property) is not one of the go.work modules: ./shared, ./api, ./admin.", result.Error);
    }

    [Fact]
    public void A_directory_inside_a_used_module_is_not_a_workspace_module()
    {
        var packages = new[] { Lib("", "app"), Command("tools/gen") };

        var result = Resolve(packages, kind: GoProjectKind.Workspace, workspaceModules: new[] { "." },
            environment: Env.Of(("RAILPACK_GO_WORKSPACE_MODULE", "tools/gen")));

        Assert.Equal("Workspace module 'tools/gen' (from RAILPACK_GO_WORKSPACE_MODULE) is not one of the go.work modules: ..", result.Error);
    }

    [Fact]
    public void Chosen_workspace_module_without_a_main_package_is_a_library_with_a_warning()
    {
        var result = Succeeds(Resolve(Workspace(), kind: GoProjectKind.Workspace, workspaceModules: Uses, workspaceModule: "shared"));

        Assert.True(result.IsLibrary);
        var warning = Assert.Single(result.Warnings);
        Assert.StartsWith("Workspace module 'shared' (from GoWorkspaceModule property) has no main package in its root or its cmd/ directory", warning);
        Assert.Contains("Main packages elsewhere: ./api, ./admin.", warning);
    }

    [Fact]
    public void Workspace_without_a_main_package_in_module_roots_or_cmd_is_a_library()
    {
        var packages = new[] { Lib("lib", "lib", "example.com/lib", "lib"), Command("lib/examples/demo", "example.com/lib", "lib") };

        var result = Succeeds(Resolve(packages, kind: GoProjectKind.Workspace, workspaceModules: new[] { "./lib" }));

        Assert.True(result.IsLibrary);
        Assert.Contains("No go.work module has a main package", Assert.Single(result.Warnings));
        Assert.Contains("./lib/examples/demo", result.Warnings[0]);

        Assert.Empty(Resolve(new[] { packages[0] }, kind: GoProjectKind.Workspace, workspaceModules: new[] { "./lib" }).Warnings);
    }

    [Fact]
    public void Workspace_settings_outside_a_workspace_are_ignored_with_a_warning()
    {
        var result = Resolve(new[] { Command("") }, environment: Env.Of(("RAILPACK_GO_WORKSPACE_MODULE", "api")));

        Assert.Equal(Module, Single(result));
        Assert.StartsWith("RAILPACK_GO_WORKSPACE_MODULE is ignored", Assert.Single(result.Warnings));
        Assert.StartsWith("GoWorkspaceModule is ignored", Assert.Single(Resolve(new[] { Command("") }, workspaceModule: "api").Warnings));
    }

    [Fact]
    public void Explicit_choices_apply_in_a_workspace_relative_to_its_root()
    {
        var result = Resolve(Workspace(), kind: GoProjectKind.Workspace, workspaceModules: Uses, mainPackage: "./admin");

        Assert.Equal(new[] { ("example.com/admin", "MyApp") }, Chosen(result));
        Assert.Equal("GoMainPackage property", result.Packages[0].Source);
    }

    // GoMainPackage

    [Fact]
    public void GoMainPackage_as_a_directory()
    {
        var result = Resolve(CmdLayout(), mainPackage: "./cmd/worker");

        Assert.Equal(new[] { (Module + "/cmd/worker", "MyApp") }, Chosen(result));
        Assert.Equal("GoMainPackage property", result.Packages[0].Source);
        Assert.Equal(Path.Combine(IntermediateDirectory, "worker"), result.Packages[0].IntermediatePath);
    }

    [Fact]
    public void GoMainPackage_without_dot_slash_is_the_directory_when_go_list_found_it()
    {
        // A module named "cmd" makes "cmd/worker" an import path too; the user means the directory.
        var packages = CmdLayout(Command("other/worker", "cmd", "other"));

        Assert.Equal(Module + "/cmd/worker", Single(Resolve(packages, mainPackage: "cmd/worker")));
        Assert.Equal(Module + "/cmd/worker", Single(Resolve(packages, mainPackage: @"cmd\worker")));
        Assert.Equal("cmd/worker", Single(Resolve(new[] { Command("other/worker", "cmd", "other") }, mainPackage: "cmd/worker")));
    }

    [Fact]
    public void GoMainPackage_as_a_go_file_is_its_directory()
    {
        var packages = new[] { Lib("", "app"), Command("cmd"), Command("tools/gen") };

        Assert.Equal(Module + "/cmd", Single(Resolve(packages, mainPackage: "./cmd/server.go")));
        Assert.Equal(Module + "/cmd", Single(Resolve(packages, mainPackage: "cmd/server.go")));
        Assert.Equal(Module, Single(Resolve(new[] { Command("") }, mainPackage: "main.go")));
    }

    [Fact]
    public void GoMainPackage_as_an_import_path()
    {
        Assert.Equal(new[] { (Module + "/cmd/api", "MyApp") }, Chosen(Resolve(CmdLayout(), mainPackage: "example.com/app/cmd/api")));
    }

    [Fact]
    public void GoMainPackage_as_a_pattern_takes_every_main_package_it_matches()
    {
        var packages = CmdLayout(Command("cmd/group/deep"), Lib("cmd/shared", "shared"), Command("tools/gen"));

        Assert.Equal(
            new[] { (Module + "/cmd/api", "api"), (Module + "/cmd/worker", "worker"), (Module + "/cmd/group/deep", "deep") },
            Chosen(Resolve(packages, mainPackage: "./cmd/...")));
        Assert.Equal(3, Succeeds(Resolve(packages, mainPackage: "cmd/...")).Packages.Count);
        Assert.Equal(4, Succeeds(Resolve(packages, mainPackage: "./...")).Packages.Count);
        Assert.Equal(4, Succeeds(Resolve(packages, mainPackage: "example.com/app/...")).Packages.Count);
        Assert.Equal(new[] { (Module + "/cmd/worker", "MyApp") }, Chosen(Resolve(packages, mainPackage: "./cmd/w...")));
        Assert.Empty(Succeeds(Resolve(packages, mainPackage: "./cmd/...")).Warnings);
    }

    [Fact]
    public void A_trailing_wildcard_includes_the_directory_itself()
    {
        Assert.Equal(
            new[] { Module + "/cmd", Module + "/cmd/tool" },
            Succeeds(Resolve(new[] { Command("cmd"), Command("cmd/tool"), Command("cmdx") }, mainPackage: "./cmd/...")).Packages.Select(p => p.ImportPath));
    }

    [Fact]
    public void A_pattern_of_libraries_only_ships_nothing_and_says_so()
    {
        var result = Succeeds(Resolve(CmdLayout(), mainPackage: "./internal/..."));

        Assert.True(result.IsLibrary);
        Assert.Equal("'./internal/...' (from GoMainPackage property) matches no main package, so it adds no binary. Main packages: ./cmd/api, ./cmd/worker.", Assert.Single(result.Warnings));
    }

    [Fact]
    public void GoMainPackage_values_split_on_semicolons_and_repeat_once()
    {
        var result = MainPackageResolver.Resolve(new MainPackageResolverOptions
        {
            Packages = CmdLayout(),
            ModuleRoot = ModuleRoot,
            MainPackages = new[] { " ./cmd/worker ; ", "cmd/api", "./cmd/worker", "  " },
            DefaultBinaryName = "MyApp",
            OutputDirectory = OutputDirectory,
            IntermediateDirectory = IntermediateDirectory,
        });

        Assert.Equal(new[] { (Module + "/cmd/worker", "worker"), (Module + "/cmd/api", "api") }, Chosen(result));
    }

    [Fact]
    public void GoMainPackage_that_matches_nothing_is_GOPACK0010_listing_the_main_packages()
    {
        var result = Resolve(CmdLayout(), mainPackage: "./cmd/nope");

        Assert.Equal(GoPackErrors.MainPackageNotFound, result.ErrorCode);
        Assert.Equal($"'./cmd/nope' (from GoMainPackage property) matches no package in {ModuleRoot}. Main packages: ./cmd/api, ./cmd/worker.", result.Error);
        Assert.Empty(result.Packages);

        Assert.EndsWith("The project has no main package.", Resolve(new[] { Lib("", "lib") }, mainPackage: "./cmd/nope").Error);
        Assert.Equal(GoPackErrors.MainPackageNotFound, Resolve(CmdLayout(), mainPackage: "example.com/other").ErrorCode);
    }

    [Fact]
    public void GoMainPackage_that_is_not_main_is_GOPACK0010()
    {
        var result = Resolve(CmdLayout(), mainPackage: "./internal/lib");

        Assert.Equal(GoPackErrors.MainPackageNotFound, result.ErrorCode);
        Assert.Equal("'./internal/lib' (from GoMainPackage property) is package lib, not a main package: go can't build a program from it.", result.Error);
    }

    [Fact]
    public void One_bad_entry_fails_the_whole_list()
    {
        Assert.False(Resolve(CmdLayout(), mainPackage: "./cmd/api;./cmd/nope").Succeeded);
    }

    // Platform settings

    [Fact]
    public void RAILPACK_GO_BIN_names_a_cmd_directory()
    {
        var result = Resolve(CmdLayout(Command("")), environment: Env.Of(("RAILPACK_GO_BIN", " api ")));

        Assert.Equal(new[] { (Module + "/cmd/api", "MyApp") }, Chosen(result));
        Assert.Equal("RAILPACK_GO_BIN=api", result.Packages[0].Source);
        Assert.Equal(
            $"'./cmd/missing' (from RAILPACK_GO_BIN=missing) matches no package in {ModuleRoot}. Main packages: ./cmd/api, ./cmd/worker.",
            Resolve(CmdLayout(), environment: Env.Of(("RAILPACK_GO_BIN", "missing"))).Error);
    }

    [Fact]
    public void CC_GO_PKG_names_a_directory_or_a_file()
    {
        var file = Resolve(CmdLayout(), environment: Env.Of(("CC_GO_PKG", "cmd/worker/main.go")));
        Assert.Equal(new[] { (Module + "/cmd/worker", "MyApp") }, Chosen(file));
        Assert.Equal("CC_GO_PKG=cmd/worker/main.go", file.Packages[0].Source);

        Assert.Equal(Module + "/cmd/api", Single(Resolve(CmdLayout(), environment: Env.Of(("CC_GO_PKG", "./cmd/api")))));
    }

    [Fact]
    public void GO_INSTALL_PACKAGE_SPEC_is_space_separated()
    {
        var packages = CmdLayout(Command("tools/gen"));

        var result = Resolve(packages, environment: Env.Of(("GO_INSTALL_PACKAGE_SPEC", " ./cmd/api \t tools/gen ")));

        Assert.Equal(new[] { (Module + "/cmd/api", "api"), (Module + "/tools/gen", "gen") }, Chosen(result));
        Assert.All(result.Packages, p => Assert.Equal("GO_INSTALL_PACKAGE_SPEC", p.Source));
    }

    [Fact]
    public void Heroku_and_scalingo_install_comments()
    {
        var heroku = Resolve(CmdLayout(Command("")), platformInstall: new[] { "./cmd/worker" }, platformInstallSource: "heroku");
        Assert.Equal(new[] { (Module + "/cmd/worker", "MyApp") }, Chosen(heroku));
        Assert.Equal("go.mod // +heroku install", heroku.Packages[0].Source);

        var scalingo = Resolve(CmdLayout(), platformInstall: new[] { "./cmd/api" }, platformInstallSource: "scalingo");
        Assert.Equal("go.mod // +scalingo install", scalingo.Packages[0].Source);

        // MSBuild gives an unset property as "".
        Assert.Equal("go.mod // +heroku install", Resolve(CmdLayout(), platformInstall: new[] { "./cmd/api" }, platformInstallSource: "").Packages[0].Source);
    }

    [Fact]
    public void Explicit_choices_in_order_property_railpack_clevercloud_heroku_variable_heroku_comment()
    {
        var packages = new[] { "a", "b", "c", "d", "e", "f" }.Select(n => Command("cmd/" + n)).ToArray();
        var environment = new Dictionary<string, string>
        {
            ["RAILPACK_GO_BIN"] = "b",
            ["CC_GO_PKG"] = "./cmd/c",
            ["GO_INSTALL_PACKAGE_SPEC"] = "./cmd/d",
            ["RAILPACK_GO_WORKSPACE_MODULE"] = "",
        };
        string[] comment = { "./cmd/e" };

        Assert.Equal(Module + "/cmd/a", Single(Resolve(packages, mainPackage: "./cmd/a", platformInstall: comment, environment: environment)));
        Assert.Equal(Module + "/cmd/b", Single(Resolve(packages, platformInstall: comment, environment: environment)));
        environment["RAILPACK_GO_BIN"] = "  ";
        Assert.Equal(Module + "/cmd/c", Single(Resolve(packages, platformInstall: comment, environment: environment)));
        environment.Remove("CC_GO_PKG");
        Assert.Equal(Module + "/cmd/d", Single(Resolve(packages, platformInstall: comment, environment: environment)));
        environment.Remove("GO_INSTALL_PACKAGE_SPEC");
        Assert.Equal(Module + "/cmd/e", Single(Resolve(packages, platformInstall: comment, environment: environment)));
        Assert.Equal(6, Succeeds(Resolve(packages, environment: environment)).Packages.Count);
    }

    [Fact]
    public void An_explicit_choice_wins_over_the_workspace_rules()
    {
        var result = Resolve(Workspace(), kind: GoProjectKind.Workspace, workspaceModules: Uses, workspaceModule: "api",
            environment: Env.Of(("CC_GO_PKG", "./admin")));

        Assert.Equal("example.com/admin", Single(result));
    }

    // Naming

    [Theory]
    [InlineData(null, "MyApp")]
    [InlineData("", "MyApp")]
    [InlineData("assembly", "MyApp")]
    [InlineData("railpack", "out")]
    [InlineData(" RailPack ", "out")]
    [InlineData("clevercloud", "app")]
    [InlineData("CleverCloud", "app")]
    public void Naming_conventions_for_one_binary(string? naming, string expected)
    {
        Assert.Equal(expected, Succeeds(Resolve(new[] { Command("") }, naming: naming)).Packages.Single().BinaryName);
    }

    [Fact]
    public void Clever_cloud_naming_follows_go_install()
    {
        Assert.Equal("tool", Succeeds(Resolve(new[] { Command("", "example.com/tool/v2") }, naming: "clevercloud")).Packages.Single().BinaryName);
        Assert.Equal("tool", Succeeds(Resolve(new[] { Command("", "example.com/tool/v2") }, naming: "clevercloud", mainPackage: ".")).Packages.Single().BinaryName);
        Assert.Equal("cmd", Succeeds(Resolve(new[] { Command("cmd/v3") }, naming: "clevercloud", mainPackage: "./cmd/v3")).Packages.Single().BinaryName);
        Assert.Equal("v1", Succeeds(Resolve(new[] { Command("cmd/v1") }, naming: "clevercloud", mainPackage: "./cmd/v1")).Packages.Single().BinaryName);
        Assert.Equal("worker", Succeeds(Resolve(CmdLayout(), naming: "clevercloud", environment: Env.Of(("CC_GO_PKG", "./cmd/worker/")))).Packages.Single().BinaryName);
    }

    [Fact]
    public void Clever_cloud_naming_of_a_go_file_drops_the_extension()
    {
        var file = Resolve(CmdLayout(), naming: "clevercloud", environment: Env.Of(("CC_GO_PKG", "cmd/worker/main.go")));
        Assert.Equal("main", file.Packages.Single().BinaryName);

        Assert.Equal("server", Resolve(new[] { Command("cmd") }, naming: "clevercloud", environment: Env.Of(("CC_GO_PKG", "cmd/server.go"))).Packages.Single().BinaryName);
    }

    [Fact]
    public void Several_packages_are_named_after_their_directories_whatever_the_naming()
    {
        foreach (var naming in new[] { null, "railpack", "clevercloud" })
        {
            Assert.Equal(new[] { "api", "worker" }, Succeeds(Resolve(CmdLayout(), naming: naming)).Packages.Select(p => p.BinaryName));
        }
    }

    [Fact]
    public void Several_packages_named_after_a_major_version_directory_take_the_element_before()
    {
        Assert.Equal(new[] { "api", "tool" }, Succeeds(Resolve(new[] { Command("cmd/api"), Command("cmd/tool/v2") }, mainPackage: "./cmd/...")).Packages.Select(p => p.BinaryName));
    }

    [Fact]
    public void Unknown_naming_is_GOPACK0007()
    {
        var result = Resolve(new[] { Command("") }, naming: "heroku");

        Assert.Equal(GoPackErrors.InvalidProperty, result.ErrorCode);
        Assert.Equal("GoBinaryNaming 'heroku' is not one of: assembly, railpack, clevercloud.", result.Error);
    }

    [Fact]
    public void GoBinaryName_names_the_single_binary_whatever_the_naming()
    {
        Assert.Equal("custom", Succeeds(Resolve(new[] { Command("") }, binaryName: "custom")).Packages.Single().BinaryName);
        Assert.Equal("custom", Succeeds(Resolve(new[] { Command("") }, binaryName: " custom ", naming: "railpack")).Packages.Single().BinaryName);
        Assert.Equal("MyApp", Succeeds(Resolve(new[] { Command("") }, binaryName: " ")).Packages.Single().BinaryName);
    }

    [Fact]
    public void GoBinaryName_with_several_packages_is_ignored_with_a_warning()
    {
        var result = Succeeds(Resolve(CmdLayout(), binaryName: "custom"));

        Assert.Equal(new[] { "api", "worker" }, result.Packages.Select(p => p.BinaryName));
        Assert.Equal(
            "GoBinaryName 'custom' is ignored: 2 main packages are built, each named after its directory (api, worker). Set GoMainPackage to build only one.",
            Assert.Single(result.Warnings));
    }

    [Fact]
    public void Two_packages_with_the_same_name_are_GOPACK0007()
    {
        var result = Resolve(new[] { Command("a/server"), Command("b/server") }, mainPackage: "./a/server;./b/server");

        Assert.Equal(GoPackErrors.InvalidProperty, result.ErrorCode);
        Assert.Equal(
            $"The main packages {Module}/a/server and {Module}/b/server would both be written to '{Output("server")}'. Choose one with GoMainPackage.",
            result.Error);
    }

    [Fact]
    public void Names_that_differ_only_in_case_clash_too()
    {
        Assert.Equal(GoPackErrors.InvalidProperty, Resolve(new[] { Command("cmd/Api"), Command("cmd/api") }).ErrorCode);
    }

    [Fact]
    public void Executable_suffix_is_on_the_paths_not_the_binary_name()
    {
        var result = Succeeds(Resolve(CmdLayout(), suffix: ".exe"));

        var api = result.Packages[0];
        Assert.Equal("api", api.BinaryName);
        Assert.Equal("api.exe", api.BinaryFileName);
        Assert.Equal(Output("api.exe"), api.OutputPath);
        Assert.Equal(Path.Combine(IntermediateDirectory, "api.exe"), api.IntermediatePath);
        Assert.Equal(Output("api.exe"), result.PrimaryOutputPath);

        Assert.Equal(Output("MyApp.exe"), Succeeds(Resolve(new[] { Command("") }, suffix: ".exe")).PrimaryOutputPath);
    }

    [Fact]
    public void A_relative_output_directory_gives_absolute_output_paths()
    {
        var result = MainPackageResolver.Resolve(new MainPackageResolverOptions
        {
            Packages = new[] { Command("") },
            ModuleRoot = ModuleRoot,
            DefaultBinaryName = "MyApp",
            OutputDirectory = "bin/Debug/",
            IntermediateDirectory = IntermediateDirectory,
        });

        Assert.True(Path.IsPathRooted(Succeeds(result).PrimaryOutputPath));
        Assert.EndsWith(Path.Combine("bin", "Debug", "MyApp"), result.PrimaryOutputPath);
    }

    // File projects (main.go, no go.mod)

    [Fact]
    public void File_project_builds_its_files_as_command_line_arguments()
    {
        var result = Succeeds(Resolve(Array.Empty<GoPackageInfo>(), kind: GoProjectKind.File, buildPatterns: new[] { "main.go", "util.go" }));

        var package = Assert.Single(result.Packages);
        Assert.Equal(new ResolvedMainPackage("command-line-arguments", ModuleRoot, "MyApp", Path.Combine(IntermediateDirectory, "main"), Output("MyApp"), "main.go"), package);
        Assert.False(result.IsLibrary);
        Assert.Empty(result.EmbedFiles);
    }

    [Fact]
    public void File_project_ignores_a_stale_package_list()
    {
        var result = Succeeds(Resolve(CmdLayout(), kind: GoProjectKind.File));

        Assert.Equal("command-line-arguments", result.Packages.Single().ImportPath);
    }

    [Fact]
    public void File_project_naming_is_after_its_first_file()
    {
        Assert.Equal("main", Resolve(Array.Empty<GoPackageInfo>(), kind: GoProjectKind.File, naming: "clevercloud").Packages.Single().BinaryName);
        Assert.Equal("server", Resolve(Array.Empty<GoPackageInfo>(), kind: GoProjectKind.File, naming: "clevercloud", buildPatterns: new[] { "server.go" }).Packages.Single().BinaryName);
        Assert.Equal("out", Resolve(Array.Empty<GoPackageInfo>(), kind: GoProjectKind.File, naming: "railpack").Packages.Single().BinaryName);
        Assert.Equal(
            Path.Combine(IntermediateDirectory, "main.exe"),
            Resolve(Array.Empty<GoPackageInfo>(), kind: GoProjectKind.File, suffix: ".exe").Packages.Single().IntermediatePath);
    }

    [Theory]
    [InlineData(null, GoBinaryNaming.Assembly, true)]
    [InlineData(" ", GoBinaryNaming.Assembly, true)]
    [InlineData("Assembly", GoBinaryNaming.Assembly, true)]
    [InlineData("railpack", GoBinaryNaming.Railpack, true)]
    [InlineData("CLEVERCLOUD", GoBinaryNaming.CleverCloud, true)]
    [InlineData("out", GoBinaryNaming.Assembly, false)]
    public void TryParseNaming(string? text, GoBinaryNaming expected, bool parsed)
    {
        Assert.Equal(parsed, MainPackageResolver.TryParseNaming(text, out var naming));
        Assert.Equal(expected, naming);
    }

    // The task: a thin wrapper that logs what the resolver says.

    [Fact]
    public void Task_publishes_the_packages_and_logs_warnings_as_GOPACK0011()
    {
        var listFile = Path.Combine(Path.GetTempPath(), "gopack-resolver-" + Guid.NewGuid().ToString("N") + ".cache");
        try
        {
            GoPackageList.Write(listFile, CmdLayout());
            var engine = new RecordingBuildEngine("/p/app.gocsproj");
            var task = NewTask(engine, listFile);
            task.BinaryName = "custom";

            Assert.True(task.Execute());

            Assert.Equal(new[] { Module + "/cmd/api", Module + "/cmd/worker" }, task.MainPackages.Select(i => i.ItemSpec));
            Assert.Equal("api", task.MainPackages[0].GetMetadata("BinaryName"));
            Assert.Equal(Output("api"), task.MainPackages[0].GetMetadata("OutputPath"));
            Assert.Equal(Path.Combine(IntermediateDirectory, "api"), task.MainPackages[0].GetMetadata("IntermediatePath"));
            Assert.Equal(Dir("cmd/api"), task.MainPackages[0].GetMetadata("PackageDirectory"));
            Assert.Equal("module layout", task.MainPackages[0].GetMetadata("Source"));
            Assert.Equal(Output("api"), task.PrimaryOutputPath);
            Assert.False(task.IsLibrary);
            var warning = Assert.Single(engine.Warnings);
            Assert.Equal("GOPACK0011", warning.Code);
            Assert.Equal("/p/app.gocsproj", warning.File);
            Assert.Empty(engine.Errors);
        }
        finally
        {
            File.Delete(listFile);
        }
    }

    [Fact]
    public void Task_logs_the_resolver_error_with_its_code()
    {
        var engine = new RecordingBuildEngine("/p/app.gocsproj");
        var task = NewTask(engine, EmptyPackageList());
        task.MainPackage = new[] { "./cmd/nope" };

        Assert.False(task.Execute());

        var error = Assert.Single(engine.Errors);
        Assert.Equal(GoPackErrors.MainPackageNotFound, error.Code);
        Assert.StartsWith("'./cmd/nope' (from GoMainPackage property) matches no package", error.Message);
    }

    [Fact]
    public void Task_reports_a_library()
    {
        var engine = new RecordingBuildEngine("/p/app.gocsproj");
        var task = NewTask(engine, EmptyPackageList());

        Assert.True(task.Execute());

        Assert.True(task.IsLibrary);
        Assert.Empty(task.MainPackages);
        Assert.Equal("", task.PrimaryOutputPath);
    }

    [Fact]
    public void Task_decides_nothing_before_go_list_has_answered()
    {
        // A design-time build or GetTargetPath before the first build: no package list, so no error either.
        var engine = new RecordingBuildEngine("/p/app.gocsproj");
        var task = NewTask(engine, Path.Combine(Path.GetTempPath(), "missing-" + Guid.NewGuid().ToString("N")));
        task.MainPackage = new[] { "./cmd/nope" };

        Assert.True(task.Execute());

        Assert.Empty(engine.Errors);
        Assert.False(task.IsLibrary);
        Assert.Empty(task.MainPackages);
        Assert.Equal("", task.PrimaryOutputPath);
    }

    private static string EmptyPackageList()
    {
        var path = Path.Combine(Path.GetTempPath(), "gopack-packages-" + Guid.NewGuid().ToString("N"));
        GoPackageList.Write(path, Array.Empty<GoPackageInfo>());
        return path;
    }

    private static ResolveGoMainPackages NewTask(IBuildEngine engine, string packageListFile) => new()
    {
        BuildEngine = engine,
        ProjectFile = "/p/app.gocsproj",
        ProjectKind = "module",
        ModuleRoot = ModuleRoot,
        PackageListFile = packageListFile,
        DefaultBinaryName = "MyApp",
        OutputDirectory = OutputDirectory,
        IntermediateDirectory = IntermediateDirectory,
    };

    // Issue 7: Clever Cloud's workspace keeps cmd/main.go outside every go.work module; go builds it from its files.
    private static readonly GoPackageInfo[] CleverWorkspace =
    {
        Lib("httpServer", "httpServer", "example.com/httpServer", "httpServer"),
        Lib("checker", "checker", "example.com/checker", "checker"),
    };

    private static OutsidePackage? Probe(string directory) =>
        Paths.SamePath(directory, Dir("cmd")) ? new OutsidePackage(Dir("cmd"), new[] { Path.Combine(Dir("cmd"), "main.go"), Path.Combine(Dir("cmd"), "util.go") }, "main", false)
        : Paths.SamePath(directory, Dir("tools/lib")) ? new OutsidePackage(Dir("tools/lib"), new[] { Path.Combine(Dir("tools/lib"), "l.go") }, "lib", false)
        : Paths.SamePath(directory, Dir("cmd/nested")) ? new OutsidePackage(Dir("cmd/nested"), new[] { Path.Combine(Dir("cmd/nested"), "main.go") }, "main", true)
        : null;

    private static MainPackageResolution ResolveOutside(string? mainPackage, IReadOnlyDictionary<string, string>? environment = null, string? naming = null) =>
        MainPackageResolver.Resolve(new MainPackageResolverOptions
        {
            Packages = CleverWorkspace,
            ProjectKind = GoProjectKind.Workspace,
            ModuleRoot = ModuleRoot,
            WorkspaceModules = new[] { "httpServer", "checker" },
            MainPackages = mainPackage is null ? Array.Empty<string>() : new[] { mainPackage },
            DefaultBinaryName = "svc",
            BinaryNaming = naming,
            OutputDirectory = OutputDirectory,
            IntermediateDirectory = IntermediateDirectory,
            Environment = environment,
            ProbeOutside = Probe,
            OutsideCandidates = new[] { Root, Dir("cmd"), Dir("cmd/nested") },
        });

    [Theory]
    [InlineData("cmd/main.go", new[] { "cmd/main.go" })]
    [InlineData("./cmd/main.go", new[] { "cmd/main.go" })]
    [InlineData("./cmd", new[] { "cmd/main.go", "cmd/util.go" })]
    [InlineData("cmd", new[] { "cmd/main.go", "cmd/util.go" })]
    public void A_program_outside_every_workspace_module_is_built_from_its_files(string spec, string[] files)
    {
        var result = ResolveOutside(spec);

        Assert.True(result.Succeeded, result.Error);
        var main = Assert.Single(result.Packages);
        Assert.Equal(files, main.Files);
        Assert.Equal(Output("svc"), main.OutputPath);
        Assert.Equal("command-line-arguments", main.ImportPath);
        Assert.Equal(Path.Combine(IntermediateDirectory, "_files", "svc", "main"), main.IntermediatePath);
    }

    [Fact]
    public void CC_GO_PKG_names_a_file_outside_the_modules_and_clevercloud_naming_takes_its_base_name()
    {
        var result = ResolveOutside(null, Env.Of(("CC_GO_PKG", "cmd/main.go")), naming: "clevercloud");

        var main = Assert.Single(result.Packages);
        Assert.Equal(Output("main"), main.OutputPath);
        Assert.Equal("CC_GO_PKG=cmd/main.go", main.Source);
    }

    [Fact]
    public void A_library_package_outside_the_modules_is_not_main()
    {
        var result = ResolveOutside("tools/lib");

        Assert.Equal(GoPackErrors.MainPackageNotFound, result.ErrorCode);
        Assert.Contains("is package lib, not a main package", result.Error);
    }

    [Fact]
    public void A_workspace_built_as_a_library_names_the_programs_outside_its_modules_and_the_setting()
    {
        var result = ResolveOutside(null);

        Assert.True(result.IsLibrary);
        var warning = Assert.Single(result.Warnings);
        Assert.Contains("cmd/main.go cmd/util.go is package main outside every module (go builds it with `go build cmd/main.go cmd/util.go`): set GoMainPackage=cmd (or CC_GO_PKG) to build it.", warning);
        Assert.Contains("cmd/nested/main.go is package main in a module of its own (./cmd/nested): build it with a project of its own, or set GoModuleDir=cmd/nested.", warning);
    }

    // C libraries (GoBuildMode)

    private static MainPackageResolution ResolveLibrary(GoBuildMode mode, string goos, IReadOnlyList<GoPackageInfo> packages, string? mainPackage = null) =>
        MainPackageResolver.Resolve(new MainPackageResolverOptions
        {
            Packages = packages,
            ModuleRoot = ModuleRoot,
            BuildPatterns = new[] { "./..." },
            MainPackages = mainPackage is null ? Array.Empty<string>() : new[] { mainPackage },
            DefaultBinaryName = "gomath",
            ExecutableSuffix = goos == "windows" ? ".exe" : "",
            BuildMode = mode,
            TargetOs = goos,
            OutputDirectory = OutputDirectory,
            IntermediateDirectory = IntermediateDirectory,
            Environment = Env.None,
        });

    [Theory]
    [InlineData(GoBuildMode.CShared, "linux", "libgomath.so", "libgomath.h")]
    [InlineData(GoBuildMode.CShared, "windows", "gomath.dll", "gomath.h")]
    [InlineData(GoBuildMode.CShared, "darwin", "libgomath.dylib", "libgomath.h")]
    [InlineData(GoBuildMode.CArchive, "linux", "libgomath.a", "libgomath.h")]
    public void A_c_library_is_linked_to_a_file_named_for_dotnet_probing_with_its_header_beside_it(GoBuildMode mode, string goos, string file, string header)
    {
        var package = Succeeds(ResolveLibrary(mode, goos, new[] { Command(""), Lib("internal/x", "x") })).Packages.Single();

        Assert.Equal(Path.Combine(IntermediateDirectory, file), package.IntermediatePath);
        Assert.Equal(Output(file), package.OutputPath);
        Assert.Equal(Path.Combine(IntermediateDirectory, header), package.HeaderIntermediatePath);
        Assert.Equal(Output(header), package.HeaderOutputPath);
        Assert.Equal("gomath", package.BinaryName);
    }

    [Fact]
    public void A_c_library_needs_exactly_one_main_package_and_GoMainPackage_chooses_it()
    {
        var two = ResolveLibrary(GoBuildMode.CShared, "linux", CmdLayout());
        var none = ResolveLibrary(GoBuildMode.CShared, "linux", new[] { Lib("", "app") });
        var chosen = ResolveLibrary(GoBuildMode.CShared, "linux", CmdLayout(), mainPackage: "./cmd/api");

        Assert.Equal(GoPackErrors.InvalidBuildMode, two.ErrorCode);
        Assert.Contains($"2 main packages are chosen ({Module}/cmd/api, {Module}/cmd/worker)", two.Error);
        Assert.Equal(GoPackErrors.InvalidBuildMode, none.ErrorCode);
        Assert.Contains("has no main package to build it from", none.Error);
        Assert.Equal(Output("libgomath.so"), Succeeds(chosen).PrimaryOutputPath);
    }

    [Fact]
    public void A_program_has_no_header()
    {
        var package = Succeeds(ResolveLibrary(GoBuildMode.Pie, "linux", new[] { Command("") })).Packages.Single();

        Assert.Null(package.HeaderOutputPath);
        Assert.Equal(Output("gomath"), package.OutputPath);
    }
}
