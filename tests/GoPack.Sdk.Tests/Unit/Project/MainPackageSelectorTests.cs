using GoPack.Sdk.Project;

namespace GoPack.Sdk.Tests.Unit.Project;

public sealed class MainPackageSelectorTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private GoProjectInfo Detect(string directory = "")
    {
        GoProjectInfo info = GoProjectDetector.Detect(new GoProjectDetectorOptions { ProjectDirectory = _tree.Path(directory) });
        Assert.True(info.Succeeded, info.Error);
        return info;
    }

    private MainPackageSelection Select(
        string? mainPackages = null,
        string? workspaceModule = null,
        string? binaryName = null,
        string? naming = null,
        IReadOnlyDictionary<string, string>? environment = null,
        GoProjectInfo? project = null) =>
        MainPackageSelector.Select(new MainPackageSelectorOptions(project ?? Detect())
        {
            MainPackages = mainPackages,
            WorkspaceModule = workspaceModule,
            DefaultBinaryName = "MyApp",
            BinaryName = binaryName,
            BinaryNaming = naming,
            Environment = environment,
        });

    private static (string, string)[] Pairs(MainPackageSelection selection) =>
        selection.Packages.Select(p => (p.ImportPathOrDir, p.BinaryName)).ToArray();

    [Fact]
    public void Module_root_with_package_main_is_the_one_binary_named_after_the_assembly()
    {
        _tree.Module("", "example.com/app");
        _tree.Main("");
        _tree.Main("cmd/tool");

        MainPackageSelection selection = Select();

        Assert.True(selection.Succeeded, selection.Error);
        Assert.Equal(new[] { new MainPackage(".", "MyApp", "module root") }, selection.Packages);
        Assert.Equal("module root", selection.Source);
        Assert.False(selection.IsLibraryOnly);
        Assert.Empty(selection.Warnings);
    }

    [Fact]
    public void Every_cmd_main_package_is_its_own_binary_named_after_its_directory()
    {
        _tree.Module("", "example.com/app");
        _tree.Library("", "app");
        _tree.Main("cmd/worker");
        _tree.Main("cmd/api");
        _tree.Library("cmd/shared", "shared");
        _tree.Main("cmd/_old");
        _tree.Main("cmd/testdata");
        _tree.Main("cmd/separate");
        _tree.Module("cmd/separate", "example.com/separate");

        MainPackageSelection selection = Select();

        Assert.Equal(new[] { ("./cmd/api", "api"), ("./cmd/worker", "worker") }, Pairs(selection));
        Assert.All(selection.Packages, p => Assert.Equal("cmd/ directories", p.Source));
        Assert.Equal("cmd/ directories", selection.Source);
    }

    [Fact]
    public void A_single_cmd_main_package_takes_the_assembly_name()
    {
        _tree.Module("", "example.com/app");
        _tree.Main("cmd/server");

        Assert.Equal(new[] { ("./cmd/server", "MyApp") }, Pairs(Select()));
    }

    [Fact]
    public void Cmd_itself_can_be_the_main_package()
    {
        _tree.Module("", "example.com/app");
        _tree.Main("cmd");

        Assert.Equal(new[] { ("./cmd", "MyApp") }, Pairs(Select()));
    }

    [Fact]
    public void GoBinaryName_names_the_single_binary_and_is_ignored_for_several()
    {
        _tree.Module("", "example.com/app");
        _tree.Main("");
        Assert.Equal("custom", Select(binaryName: "custom").Packages.Single().BinaryName);

        File.Delete(_tree.Path("main.go"));
        _tree.Main("cmd/a");
        _tree.Main("cmd/b");
        MainPackageSelection several = Select(binaryName: "custom");
        Assert.Equal(new[] { "a", "b" }, several.Packages.Select(p => p.BinaryName));
        Assert.Contains(several.Warnings, w => w.Contains("GoBinaryName 'custom' is ignored"));
    }

    [Theory]
    [InlineData(null, "MyApp")]
    [InlineData("assembly", "MyApp")]
    [InlineData("railpack", "out")]
    [InlineData("RailPack", "out")]
    [InlineData("clevercloud", "app")]
    public void Naming_conventions_for_one_binary(string? naming, string expected)
    {
        _tree.Module("", "example.com/app");
        _tree.Main("");

        Assert.Equal(expected, Select(naming: naming).Packages.Single().BinaryName);
    }

    [Fact]
    public void Clever_cloud_naming_skips_a_major_version_suffix_as_go_install_does()
    {
        _tree.Module("", "example.com/tool/v2");
        _tree.Main("");

        Assert.Equal("tool", Select(naming: "clevercloud").Packages.Single().BinaryName);
    }

    [Fact]
    public void Clever_cloud_naming_of_a_go_file_drops_the_extension()
    {
        _tree.Module("", "example.com/app");
        _tree.Main("cmd", "server.go");

        MainPackageSelection selection = Select(naming: "clevercloud", environment: Env.Of(("CC_GO_PKG", "cmd/server.go")));

        Assert.Equal(new[] { new MainPackage("./cmd/server.go", "server", "CC_GO_PKG environment variable") }, selection.Packages);
    }

    [Fact]
    public void Unknown_naming_is_an_error()
    {
        _tree.Module("", "example.com/app");
        _tree.Main("");

        Assert.Contains("GoBinaryNaming is 'heroku'", Select(naming: "heroku").Error);
    }

    [Fact]
    public void GoMainPackage_lists_packages_and_reads_plain_directories_as_local()
    {
        _tree.Module("", "example.com/app");
        _tree.Main("");
        _tree.Main("cmd/a");
        _tree.Main("cmd/b");

        MainPackageSelection selection = Select(mainPackages: " ./cmd/b ; cmd/a ;");

        Assert.Equal(new[] { ("./cmd/b", "b"), ("./cmd/a", "a") }, Pairs(selection));
        Assert.Equal("GoMainPackage property", selection.Source);
        Assert.False(selection.NeedsGoList);
    }

    [Fact]
    public void GoMainPackage_with_one_package_uses_the_assembly_name()
    {
        _tree.Module("", "example.com/app");
        _tree.Main("cmd/a");
        _tree.Main("cmd/b");

        Assert.Equal(new[] { ("./cmd/b", "MyApp") }, Pairs(Select(mainPackages: "./cmd/b")));
    }

    [Fact]
    public void GoMainPackage_that_does_not_exist_is_an_error()
    {
        _tree.Module("", "example.com/app");

        MainPackageSelection selection = Select(mainPackages: "./cmd/nope");

        Assert.StartsWith("GoMainPackage property: the package './cmd/nope' does not exist", selection.Error);
    }

    [Fact]
    public void GoMainPackage_without_go_files_is_an_error()
    {
        _tree.Module("", "example.com/app");
        _tree.Dir("cmd/empty");

        Assert.Contains("has no Go files", Select(mainPackages: "./cmd/empty").Error);
    }

    [Fact]
    public void GoMainPackage_that_looks_like_a_library_is_a_warning_left_to_go_list()
    {
        _tree.Module("", "example.com/app");
        _tree.Library("lib", "lib");

        MainPackageSelection selection = Select(mainPackages: "./lib");

        Assert.True(selection.Succeeded);
        Assert.Contains(selection.Warnings, w => w.Contains("looks like package lib, not main"));
    }

    [Fact]
    public void Import_paths_in_the_main_module_are_checked_and_others_left_to_go_list()
    {
        _tree.Module("", "example.com/app");
        _tree.Main("cmd/a");

        MainPackageSelection inModule = Select(mainPackages: "example.com/app/cmd/a");
        Assert.Equal(new[] { ("example.com/app/cmd/a", "MyApp") }, Pairs(inModule));
        Assert.False(inModule.NeedsGoList);

        Assert.Contains("does not exist", Select(mainPackages: "example.com/app/cmd/zz").Error);

        MainPackageSelection foreign = Select(mainPackages: "golang.org/x/tools/cmd/stringer;./cmd/a");
        Assert.True(foreign.NeedsGoList);
        Assert.Equal(new[] { ("golang.org/x/tools/cmd/stringer", "stringer"), ("./cmd/a", "a") }, Pairs(foreign));
    }

    [Fact]
    public void RAILPACK_GO_BIN_builds_cmd_of_that_name()
    {
        _tree.Module("", "example.com/app");
        _tree.Main("");
        _tree.Main("cmd/server");

        MainPackageSelection selection = Select(environment: Env.Of(("RAILPACK_GO_BIN", "server")));

        Assert.Equal(new[] { new MainPackage("./cmd/server", "MyApp", "RAILPACK_GO_BIN environment variable") }, selection.Packages);
        Assert.StartsWith("RAILPACK_GO_BIN environment variable: the package './cmd/missing' does not exist",
            Select(environment: Env.Of(("RAILPACK_GO_BIN", "missing"))).Error);
    }

    [Fact]
    public void CC_GO_PKG_names_a_directory_or_file()
    {
        _tree.Module("", "example.com/app");
        _tree.Main("cmd/server");

        Assert.Equal(new[] { ("./cmd/server", "MyApp") }, Pairs(Select(environment: Env.Of(("CC_GO_PKG", "cmd/server")))));
        Assert.Contains("the file 'cmd/nope.go' does not exist", Select(environment: Env.Of(("CC_GO_PKG", "cmd/nope.go"))).Error);
    }

    [Fact]
    public void GO_INSTALL_PACKAGE_SPEC_expands_dot_dot_dot_to_every_main_package()
    {
        _tree.Module("", "example.com/app");
        _tree.Main("cmd/a");
        _tree.Main("cmd/group/b");
        _tree.Library("cmd/lib", "lib");
        _tree.Main("tools/gen");

        MainPackageSelection selection = Select(environment: Env.Of(("GO_INSTALL_PACKAGE_SPEC", "./cmd/...  tools/gen")));

        Assert.Equal(new[] { ("./cmd/a", "a"), ("./cmd/group/b", "b"), ("./tools/gen", "gen") }, Pairs(selection));
        Assert.Equal("GO_INSTALL_PACKAGE_SPEC environment variable (./cmd/...)", selection.Packages[0].Source);
        Assert.Equal("GO_INSTALL_PACKAGE_SPEC environment variable", selection.Packages[2].Source);
    }

    [Fact]
    public void Module_path_patterns_expand_too()
    {
        _tree.Module("", "example.com/app");
        _tree.Main("");
        _tree.Main("cmd/a");

        MainPackageSelection selection = Select(environment: Env.Of(("GO_INSTALL_PACKAGE_SPEC", "example.com/app/...")));

        Assert.Equal(new[] { ".", "./cmd/a" }, selection.Packages.Select(p => p.ImportPathOrDir));
        Assert.Equal(new[] { "app", "a" }, selection.Packages.Select(p => p.BinaryName));
    }

    [Fact]
    public void A_pattern_matching_no_main_package_is_an_error_and_foreign_patterns_go_to_go_list()
    {
        _tree.Module("", "example.com/app");
        _tree.Library("pkg", "pkg");

        Assert.Contains("'./pkg/...' matches no main package", Select(environment: Env.Of(("GO_INSTALL_PACKAGE_SPEC", "./pkg/..."))).Error);

        MainPackageSelection foreign = Select(environment: Env.Of(("GO_INSTALL_PACKAGE_SPEC", "example.org/tools/...")));
        Assert.True(foreign.NeedsGoList);
        Assert.Equal("example.org/tools/...", foreign.Packages.Single().ImportPathOrDir);
    }

    [Fact]
    public void Heroku_and_scalingo_install_comments()
    {
        _tree.File("go.mod", "module example.com/app\n\n// +scalingo install ./cmd/b\ngo 1.22\n");
        _tree.Main("");
        _tree.Main("cmd/b");

        MainPackageSelection selection = Select();

        Assert.Equal(new[] { new MainPackage("./cmd/b", "MyApp", "go.mod // +scalingo install comment") }, selection.Packages);
    }

    [Fact]
    public void Explicit_sources_in_order()
    {
        _tree.File("go.mod", "module example.com/app\n\n// +heroku install ./cmd/e\ngo 1.22\n");
        foreach (string name in new[] { "a", "b", "c", "d", "e" })
        {
            _tree.Main("cmd/" + name);
        }

        var environment = new Dictionary<string, string>
        {
            ["RAILPACK_GO_BIN"] = "b",
            ["CC_GO_PKG"] = "./cmd/c",
            ["GO_INSTALL_PACKAGE_SPEC"] = "./cmd/d",
        };

        Assert.Equal("./cmd/a", Select(mainPackages: "./cmd/a", environment: environment).Packages.Single().ImportPathOrDir);
        Assert.Equal("./cmd/b", Select(environment: environment).Packages.Single().ImportPathOrDir);
        environment.Remove("RAILPACK_GO_BIN");
        Assert.Equal("./cmd/c", Select(environment: environment).Packages.Single().ImportPathOrDir);
        environment.Remove("CC_GO_PKG");
        Assert.Equal("./cmd/d", Select(environment: environment).Packages.Single().ImportPathOrDir);
        environment.Remove("GO_INSTALL_PACKAGE_SPEC");
        Assert.Equal("./cmd/e", Select(environment: environment).Packages.Single().ImportPathOrDir);
    }

    [Fact]
    public void Two_packages_with_the_same_directory_name_are_an_error()
    {
        _tree.Module("", "example.com/app");
        _tree.Main("a/server");
        _tree.Main("b/server");

        Assert.Contains("would all be built as 'server'", Select(mainPackages: "./a/server;./b/server").Error);
    }

    [Fact]
    public void Library_module_has_no_main_package_and_no_warning()
    {
        _tree.Module("", "github.com/google/uuid");
        _tree.Library("", "uuid");
        _tree.File("gen.go", "//go:build ignore\n\npackage main\n\nfunc main() {}\n");
        _tree.Library("internal/x", "x");

        MainPackageSelection selection = Select();

        Assert.True(selection.Succeeded);
        Assert.True(selection.IsLibraryOnly);
        Assert.Empty(selection.Packages);
        Assert.Empty(selection.Warnings);
    }

    [Fact]
    public void Library_with_main_packages_elsewhere_names_them()
    {
        _tree.Module("", "example.com/lib");
        _tree.Library("", "lib");
        _tree.Main("examples/hello");

        MainPackageSelection selection = Select();

        Assert.True(selection.IsLibraryOnly);
        Assert.Contains(selection.Warnings, w => w.Contains("./examples/hello") && w.Contains("GoMainPackage"));
    }

    [Fact]
    public void Workspace_builds_the_first_used_module_with_a_main_package()
    {
        _tree.File("go.work", "go 1.22\n\nuse (\n\t./shared\n\t./api\n\t./worker\n)\n");
        _tree.Module("shared", "example.com/shared");
        _tree.Library("shared", "shared");
        _tree.Module("api", "example.com/api");
        _tree.Main("api");
        _tree.Module("worker", "example.com/worker");
        _tree.Main("worker");

        MainPackageSelection selection = Select();

        Assert.Equal(new[] { ("./api", "MyApp") }, Pairs(selection));
        Assert.Equal("first go.work module with a main package (./api)", selection.Source);
    }

    [Fact]
    public void Workspace_module_from_property_or_railpack_variable()
    {
        _tree.File("go.work", "go 1.22\n\nuse (\n\t./api\n\t./worker\n)\n");
        _tree.Module("api", "example.com/api");
        _tree.Main("api");
        _tree.Module("worker", "example.com/worker");
        _tree.Main("worker/cmd/consume");
        _tree.Main("worker/cmd/produce");

        MainPackageSelection fromVariable = Select(environment: Env.Of(("RAILPACK_GO_WORKSPACE_MODULE", "worker")));
        Assert.Equal(new[] { ("./worker/cmd/consume", "consume"), ("./worker/cmd/produce", "produce") }, Pairs(fromVariable));
        Assert.Equal("RAILPACK_GO_WORKSPACE_MODULE environment variable", fromVariable.Source);

        MainPackageSelection fromProperty = Select(workspaceModule: "api", environment: Env.Of(("RAILPACK_GO_WORKSPACE_MODULE", "worker")));
        Assert.Equal(new[] { new MainPackage("./api", "MyApp", "GoWorkspaceModule property") }, fromProperty.Packages);
    }

    [Fact]
    public void Workspace_module_errors()
    {
        _tree.File("go.work", "go 1.22\n\nuse ./api\n");
        _tree.Module("api", "example.com/api");
        _tree.Library("api", "api");
        _tree.Module("other", "example.com/other");
        _tree.Main("other");

        Assert.Contains("does not exist", Select(workspaceModule: "nope").Error);
        Assert.Contains("`go work use ./other`", Select(workspaceModule: "other").Error);
        Assert.Contains("has no main package", Select(workspaceModule: "api").Error);
    }

    [Fact]
    public void Workspace_without_main_packages_is_a_library()
    {
        _tree.File("go.work", "go 1.22\n\nuse ./lib\n");
        _tree.Module("lib", "example.com/lib");
        _tree.Library("lib", "lib");
        _tree.Main("lib/examples/demo");

        MainPackageSelection selection = Select();

        Assert.True(selection.IsLibraryOnly);
        Assert.Contains(selection.Warnings, w => w.Contains("./lib/examples/demo"));
    }

    [Fact]
    public void Workspace_variable_outside_a_workspace_is_ignored_with_a_warning()
    {
        _tree.Module("", "example.com/app");
        _tree.Main("");

        MainPackageSelection selection = Select(environment: Env.Of(("RAILPACK_GO_WORKSPACE_MODULE", "api")));

        Assert.Equal(".", selection.Packages.Single().ImportPathOrDir);
        Assert.Contains(selection.Warnings, w => w.StartsWith("RAILPACK_GO_WORKSPACE_MODULE is ignored"));
    }

    [Fact]
    public void File_project_builds_main_go_with_its_sibling_files()
    {
        _tree.Main("");
        _tree.Library("", "main", "handlers.go");
        _tree.File("main_test.go", "package main\n");
        _tree.File("tool.go", "//go:build ignore\n\npackage main\n");

        MainPackageSelection selection = Select();

        Assert.Equal(new[] { new MainPackage("main.go", "MyApp", "main.go") }, selection.Packages);
        Assert.Equal(new[] { "handlers.go", "main.go" }, selection.FileArguments);
        Assert.False(selection.IsLibraryOnly);
    }

    [Fact]
    public void File_project_with_clever_cloud_naming_is_main()
    {
        _tree.Main("");

        Assert.Equal("main", Select(naming: "clevercloud").Packages.Single().BinaryName);
    }

    [Fact]
    public void Makefile_project_is_not_a_library()
    {
        _tree.File("Makefile", "build:\n");
        GoProjectInfo project = GoProjectDetector.Detect(new GoProjectDetectorOptions { ProjectDirectory = _tree.Root, GoBinary = "bin/app" });

        MainPackageSelection selection = Select(project: project);

        Assert.Empty(selection.Packages);
        Assert.False(selection.IsLibraryOnly);
    }
}
