using GoPack.Sdk.Functions;
using GoPack.Sdk.Project;

namespace GoPack.Sdk.Tests.Unit.Project;

public sealed class GoProjectDetectorTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private static GoProjectInfo Detect(string projectDirectory, string? moduleDirectory = null, string? goBinary = null, IReadOnlyDictionary<string, string>? environment = null) =>
        GoProjectDetector.Detect(new GoProjectDetectorOptions
        {
            ProjectDirectory = projectDirectory,
            ModuleDirectory = moduleDirectory,
            GoBinary = goBinary,
            Environment = environment,
            // What DetectGo passes unless GoFunctions=false.
            HasFunctionSources = FunctionSources.Exist,
        });

    [Fact]
    public void Module_in_the_project_directory()
    {
        _tree.Module("", "example.com/app");
        _tree.Main("");

        var info = Detect(_tree.Root);

        Assert.True(info.Succeeded, info.Error);
        Assert.Equal(GoProjectKind.Module, info.Kind);
        Assert.Equal("module", info.KindName);
        Assert.Equal(_tree.Root, info.ModuleRoot);
        Assert.Equal(_tree.Root, info.StartDirectory);
        Assert.Equal(_tree.Path("go.mod"), info.GoModPath);
        Assert.Null(info.GoWorkPath);
        Assert.Equal("example.com/app", info.ModulePath);
        Assert.NotNull(info.GoMod);
        Assert.Empty(info.UseDirectories);
        Assert.Empty(info.LocalReplaceDirectories);
        Assert.False(info.HasVendor);
        Assert.Empty(info.Warnings);
    }

    [Fact]
    public void Project_file_in_a_sub_folder_finds_the_nearest_go_mod_upward()
    {
        _tree.Module("", "example.com/app");
        _tree.Main("cmd/app");
        var project = _tree.Dir("build/gopack");

        var info = Detect(project);

        Assert.Equal(GoProjectKind.Module, info.Kind);
        Assert.Equal(_tree.Root, info.ModuleRoot);
        Assert.Equal(project, info.StartDirectory);
    }

    [Fact]
    public void Nearest_go_mod_wins_over_one_further_up()
    {
        _tree.Module("", "example.com/outer");
        _tree.Module("tools/gen", "example.com/gen");
        _tree.Main("tools/gen");

        var info = Detect(_tree.Path("tools/gen"));

        Assert.Equal(_tree.Path("tools/gen"), info.ModuleRoot);
        Assert.Equal("example.com/gen", info.ModulePath);
    }

    [Fact]
    public void A_main_go_below_a_module_is_part_of_the_module_not_a_file_project()
    {
        _tree.Module("", "example.com/app");
        _tree.Main("cmd/server");

        var info = Detect(_tree.Path("cmd/server"));

        Assert.Equal(GoProjectKind.Module, info.Kind);
        Assert.Equal(_tree.Root, info.ModuleRoot);
    }

    [Fact]
    public void The_search_stops_at_the_repository_root()
    {
        using var outer = new TempTree(gitRoot: false);
        outer.Module("", "example.com/stray");
        outer.Dir("repo/.git");
        var project = outer.Dir("repo/app");

        var info = Detect(project);

        Assert.False(info.Succeeded);
        Assert.Equal(GoProjectErrorKind.NotFound, info.ErrorKind);
        Assert.Contains("the repository root '" + outer.Path("repo") + "'", info.Error);
        Assert.Contains("go mod init", info.Error);
    }

    [Fact]
    public void A_git_file_also_marks_the_repository_root()
    {
        using var outer = new TempTree(gitRoot: false);
        outer.Module("", "example.com/stray");
        outer.File("worktree/.git", "gitdir: /elsewhere\n");
        outer.Main("worktree");

        var info = Detect(outer.Path("worktree"));

        Assert.Equal(GoProjectKind.File, info.Kind);
        Assert.Null(info.GoModPath);
    }

    [Fact]
    public void Workspace_reads_its_use_lines_in_order_not_a_glob()
    {
        _tree.File("go.work", "go 1.22\n\nuse (\n\t./shared\n\t./api\n)\n");
        _tree.Module("api", "example.com/api");
        _tree.Main("api");
        _tree.Module("shared", "example.com/shared");
        _tree.Library("shared", "shared");
        _tree.Module("unused", "example.com/unused");
        _tree.Main("unused");

        var info = Detect(_tree.Root);

        Assert.True(info.Succeeded, info.Error);
        Assert.Equal(GoProjectKind.Workspace, info.Kind);
        Assert.Equal("workspace", info.KindName);
        Assert.Equal(_tree.Root, info.ModuleRoot);
        Assert.Equal(_tree.Path("go.work"), info.GoWorkPath);
        Assert.Null(info.GoModPath);
        Assert.Null(info.ModulePath);
        Assert.Equal(new[] { _tree.Path("shared"), _tree.Path("api") }, info.UseDirectories);
        Assert.Empty(info.Warnings);
    }

    [Fact]
    public void Workspace_use_without_go_mod_is_a_warning()
    {
        _tree.File("go.work", "go 1.22\n\nuse ./missing\n");

        var info = Detect(_tree.Root);

        Assert.Equal(GoProjectKind.Workspace, info.Kind);
        Assert.Contains(info.Warnings, w => w.Contains("go.work:3 uses './missing'") && w.Contains("no go.mod"));
    }

    [Fact]
    public void Go_work_beside_go_mod_is_a_workspace_that_keeps_the_module()
    {
        _tree.File("go.work", "go 1.22\n\nuse .\n");
        _tree.Module("", "example.com/root");
        _tree.Main("");

        var info = Detect(_tree.Root);

        Assert.Equal(GoProjectKind.Workspace, info.Kind);
        Assert.Equal(_tree.Path("go.mod"), info.GoModPath);
        Assert.Equal("example.com/root", info.ModulePath);
        Assert.Equal(new[] { _tree.Root }, info.UseDirectories);
    }

    [Fact]
    public void Module_inside_a_workspace_stays_a_module_and_records_the_go_work()
    {
        _tree.File("go.work", "go 1.22\n\nuse ./api\n");
        _tree.Module("api", "example.com/api");
        _tree.Main("api");

        var info = Detect(_tree.Path("api"));

        Assert.Equal(GoProjectKind.Module, info.Kind);
        Assert.Equal(_tree.Path("api"), info.ModuleRoot);
        Assert.Equal(_tree.Path("go.work"), info.GoWorkPath);
        Assert.NotNull(info.GoWork);
        Assert.Empty(info.Warnings);
    }

    [Fact]
    public void Module_missing_from_the_go_work_above_it_is_warned_about()
    {
        _tree.File("go.work", "go 1.22\n\nuse ./api\n");
        _tree.Module("api", "example.com/api");
        _tree.Module("other", "example.com/other");

        var info = Detect(_tree.Path("other"));

        Assert.Equal(GoProjectKind.Module, info.Kind);
        Assert.Contains(info.Warnings, w => w.Contains("no `use` line") && w.Contains("GOWORK=off"));
    }

    [Fact]
    public void A_go_work_nearer_than_the_go_mod_makes_a_workspace_rooted_there()
    {
        _tree.Module("", "example.com/outer");
        _tree.File("services/go.work", "go 1.22\n\nuse ./a\n");
        _tree.Module("services/a", "example.com/a");

        var info = Detect(_tree.Path("services"));

        Assert.Equal(GoProjectKind.Workspace, info.Kind);
        Assert.Equal(_tree.Path("services"), info.ModuleRoot);
        Assert.Null(info.GoModPath);
    }

    [Fact]
    public void GOWORK_off_ignores_go_work()
    {
        _tree.File("go.work", "go 1.22\n\nuse .\n");
        _tree.Module("", "example.com/app");

        var info = Detect(_tree.Root, environment: Env.Of(("GOWORK", "off")));

        Assert.Equal(GoProjectKind.Module, info.Kind);
        Assert.Null(info.GoWorkPath);
    }

    [Fact]
    public void GOWORK_names_the_workspace_file()
    {
        _tree.File("ws/custom.work", "go 1.22\n\nuse ../app\n");
        _tree.Module("app", "example.com/app");

        var info = Detect(_tree.Path("app"), environment: Env.Of(("GOWORK", _tree.Path("ws/custom.work"))));

        Assert.Equal(GoProjectKind.Module, info.Kind);
        Assert.Equal(_tree.Path("ws/custom.work"), info.GoWorkPath);
        Assert.Equal(new[] { _tree.Path("app") }, info.UseDirectories);
        Assert.Empty(info.Warnings);
    }

    [Fact]
    public void GOWORK_naming_a_missing_file_is_an_error()
    {
        _tree.Module("", "example.com/app");

        var info = Detect(_tree.Root, environment: Env.Of(("GOWORK", "nope.work")));

        Assert.Equal(GoProjectErrorKind.Unreadable, info.ErrorKind);
        Assert.Contains("GOWORK is 'nope.work'", info.Error);
    }

    [Fact]
    public void Bare_main_go_is_a_file_project()
    {
        _tree.Main("");

        var info = Detect(_tree.Root);

        Assert.Equal(GoProjectKind.File, info.Kind);
        Assert.Equal("file", info.KindName);
        Assert.Null(info.GoModPath);
        Assert.Null(info.GoMod);
    }

    [Fact]
    public void Go_files_under_api_without_go_mod_or_main_go_are_a_function_project_unless_GoFunctions_is_false()
    {
        _tree.File("api/index.go", "package handler\n");

        var info = Detect(_tree.Root);
        var off = GoProjectDetector.Detect(new GoProjectDetectorOptions { ProjectDirectory = _tree.Root, HasFunctionSources = null });

        Assert.Equal((GoProjectKind.Functions, "functions"), (info.Kind, info.KindName));
        Assert.Null(info.GoModPath);
        Assert.False(off.Succeeded);
        Assert.Contains("for main.go in", off.Error);
        Assert.Contains("Go files in its api/ folder", off.Error);
        _tree.Main("");
        Assert.Equal(GoProjectKind.File, Detect(_tree.Root).Kind);
    }

    [Theory]
    [InlineData("GoBinary", "Makefile")]
    [InlineData("CC_GO_BINARY", "Makefile")]
    [InlineData("GoBinary", "GNUmakefile")]
    [InlineData("GoBinary", "makefile")]
    public void Makefile_with_a_binary_and_no_go_mod_is_a_makefile_project(string setting, string makefileName)
    {
        _tree.File(makefileName, "build:\n\tgo build -o bin/app main.go\n");
        _tree.Main("");

        var info = setting == "GoBinary"
            ? Detect(_tree.Root, goBinary: "bin/app")
            : Detect(_tree.Root, environment: Env.Of(("CC_GO_BINARY", "bin/app")));

        Assert.Equal(GoProjectKind.Makefile, info.Kind);
        Assert.Equal("makefile", info.KindName);
        Assert.Equal(_tree.Path(makefileName), info.MakefilePath);
        Assert.Empty(info.Warnings);
    }

    [Fact]
    public void Makefile_without_a_binary_is_only_a_warning()
    {
        _tree.File("Makefile", "build:\n");
        _tree.Main("");

        var info = Detect(_tree.Root);

        Assert.Equal(GoProjectKind.File, info.Kind);
        var warning = Assert.Single(info.Warnings);
        Assert.Contains("GoBinary (or CC_GO_BINARY) is not set", warning);
    }

    [Theory]
    [InlineData("lint:\n\tgolangci-lint run\n\ntest:\n\tgo test ./...\n", true)]
    [InlineData("lint:\n\tgolangci-lint run\n\ntest:\n\tgo test ./...\n", false)]
    public void A_lint_and_test_only_Makefile_gets_no_GoBinary_advice(string makefile, bool withMain)
    {
        _tree.File("Makefile", makefile);
        if (withMain) _tree.Main("");

        var info = Detect(_tree.Root);

        Assert.Empty(info.Warnings);
        Assert.DoesNotContain("GoBinary", info.Error ?? "");
    }

    [Theory]
    [InlineData("app:\n\tgo build -o bin/app .\n")]
    [InlineData("app:\n\t$(GO) install ./cmd/...\n")]
    [InlineData("all: lint\n")]
    public void A_Makefile_that_builds_gets_the_GoBinary_advice(string makefile)
    {
        _tree.File("Makefile", makefile);
        _tree.Main("");

        Assert.Contains("GoBinary (or CC_GO_BINARY) is not set", Assert.Single(Detect(_tree.Root).Warnings));
    }

    [Fact]
    public void Makefile_alone_without_a_binary_is_not_a_project_and_says_how_to_use_it()
    {
        _tree.File("Makefile", "build:\n");

        var info = Detect(_tree.Root);

        Assert.Equal(GoProjectErrorKind.NotFound, info.ErrorKind);
        Assert.Contains("set GoBinary (or CC_GO_BINARY)", info.Error);
        Assert.Single(info.Warnings);
    }

    [Fact]
    public void Makefile_is_not_used_when_there_is_a_go_mod()
    {
        _tree.File("Makefile", "build:\n");
        _tree.Module("", "example.com/app");

        var info = Detect(_tree.Root, goBinary: "bin/app");

        Assert.Equal(GoProjectKind.Module, info.Kind);
        Assert.Equal(_tree.Path("Makefile"), info.MakefilePath);
        Assert.Empty(info.Warnings);
    }

    [Fact]
    public void Makefile_beside_go_work_without_go_mod_is_a_makefile_project_like_clever_clouds_example()
    {
        _tree.File("Makefile", "build:\n");
        _tree.File("go.work", "go 1.22\n\nuse ./module\n");
        _tree.Module("module", "example.com/module");

        var info = Detect(_tree.Root, environment: Env.Of(("CC_GO_BINARY", "bin/app")));

        Assert.Equal(GoProjectKind.Makefile, info.Kind);
        Assert.Equal(_tree.Path("go.work"), info.GoWorkPath);
        Assert.Equal(new[] { _tree.Path("module") }, info.UseDirectories);
    }

    [Theory]
    [InlineData("Godeps/Godeps.json", "{\"ImportPath\": \"github.com/acme/old\", \"GoVersion\": \"go1.10\"}", "Godeps", "go mod init github.com/acme/old", "the Godeps/ directory")]
    [InlineData("Gopkg.lock", "[[projects]]\n", "dep", "go mod init <module path>", "Gopkg.toml and Gopkg.lock")]
    [InlineData("glide.yaml", "package: github.com/acme/glidey\nimport: []\n", "glide", "go mod init github.com/acme/glidey", "glide.yaml and glide.lock")]
    [InlineData("vendor/vendor.json", "{\"rootPath\": \"github.com/acme/gv\"}", "govendor", "go mod init github.com/acme/gv", "vendor/vendor.json")]
    public void Legacy_layouts_without_go_mod_explain_the_migration(string marker, string content, string tool, string init, string delete)
    {
        _tree.File(marker, content);
        _tree.Main("");

        var info = Detect(_tree.Root);

        Assert.False(info.Succeeded);
        Assert.Equal(GoProjectKind.None, info.Kind);
        Assert.Equal(GoProjectErrorKind.LegacyLayout, info.ErrorKind);
        Assert.Equal(new[] { marker }, info.LegacyLayouts);
        Assert.Contains($"{tool} ({marker})", info.Error);
        Assert.Contains($"`{init}`", info.Error);
        Assert.Contains("go mod tidy", info.Error);
        Assert.Contains("delete " + delete, info.Error);
        Assert.Contains("commit go.mod and go.sum", info.Error);
    }

    [Fact]
    public void Several_legacy_tools_are_all_named()
    {
        _tree.File("Gopkg.lock");
        _tree.File("glide.yaml");

        var info = Detect(_tree.Root);

        Assert.Contains("dep (Gopkg.lock) and glide (glide.yaml)", info.Error);
        Assert.Equal(new[] { "Gopkg.lock", "glide.yaml" }, info.LegacyLayouts);
    }

    [Fact]
    public void Legacy_files_beside_go_mod_only_warn()
    {
        _tree.Module("", "example.com/app");
        _tree.File("Gopkg.lock");

        var info = Detect(_tree.Root);

        Assert.Equal(GoProjectKind.Module, info.Kind);
        Assert.Contains(info.Warnings, w => w.Contains("Gopkg.lock") && w.Contains("left over from dep"));
    }

    [Fact]
    public void A_makefile_build_wins_over_the_legacy_error()
    {
        _tree.File("Gopkg.lock");
        _tree.File("Makefile", "build:\n");

        var info = Detect(_tree.Root, goBinary: "bin/app");

        Assert.Equal(GoProjectKind.Makefile, info.Kind);
    }

    [Fact]
    public void Nothing_is_an_error()
    {
        var info = Detect(_tree.Root);

        Assert.False(info.Succeeded);
        Assert.Equal(GoProjectErrorKind.NotFound, info.ErrorKind);
        Assert.Contains($"No Go project found for '{_tree.Root}'", info.Error);
        Assert.Contains("GoModuleDir", info.Error);
    }

    [Fact]
    public void GoModuleDir_points_at_the_module()
    {
        _tree.Module("src/app", "example.com/app");
        var project = _tree.Dir("build");

        var info = Detect(project, moduleDirectory: "../src/app");

        Assert.Equal(GoProjectKind.Module, info.Kind);
        Assert.Equal(_tree.Path("src/app"), info.ModuleRoot);
        Assert.Equal(_tree.Path("src/app"), info.StartDirectory);
    }

    [Fact]
    public void GoModuleDir_does_not_walk_up_for_go_mod()
    {
        _tree.Module("", "example.com/app");
        _tree.Dir("sub");

        var info = Detect(_tree.Root, moduleDirectory: "sub");

        Assert.Equal(GoProjectErrorKind.NotFound, info.ErrorKind);
        Assert.Contains("(GoModuleDir)", info.Error);
    }

    [Fact]
    public void GoModuleDir_that_does_not_exist_is_its_own_error()
    {
        var info = Detect(_tree.Root, moduleDirectory: "nope");

        Assert.Equal(GoProjectErrorKind.ModuleDirectoryMissing, info.ErrorKind);
        Assert.Contains("GoModuleDir 'nope'", info.Error);
    }

    [Fact]
    public void Local_replace_directories_come_from_go_mod_and_go_work()
    {
        _tree.File("go.work", "go 1.22\n\nuse ./app\n\nreplace example.com/b => ./forks/b\n");
        _tree.File("app/go.mod", "module example.com/app\n\ngo 1.22\n\nreplace (\n\texample.com/a => ../forks/a\n\texample.com/c v1.0.0 => example.com/c v1.0.1\n)\n");

        var info = Detect(_tree.Path("app"));

        Assert.Equal(new[] { _tree.Path("forks/a"), _tree.Path("forks/b") }, info.LocalReplaceDirectories);
    }

    [Fact]
    public void Vendor_modules_txt_means_vendored()
    {
        _tree.Module("", "example.com/app");
        _tree.File("vendor/modules.txt", "# example.com/dep v1.0.0\n");

        Assert.True(Detect(_tree.Root).HasVendor);
    }

    [Fact]
    public void Vendor_directory_without_modules_txt_is_not_vendored()
    {
        _tree.Module("", "example.com/app");
        _tree.File("vendor/example.com/dep/dep.go", "package dep\n");

        Assert.False(Detect(_tree.Root).HasVendor);
    }

    [Fact]
    public void In_workspace_mode_only_the_workspace_vendor_directory_counts()
    {
        _tree.File("go.work", "go 1.22\n\nuse ./api\n");
        _tree.Module("api", "example.com/api");
        _tree.File("api/vendor/modules.txt", "");

        Assert.False(Detect(_tree.Path("api")).HasVendor);

        _tree.File("vendor/modules.txt", "");
        Assert.True(Detect(_tree.Path("api")).HasVendor);
    }

    [Fact]
    public void Unparseable_go_mod_reports_file_and_line()
    {
        _tree.File("go.mod", "module example.com/app\n\ngo 1.22\ngo 1.23\n");

        var info = Detect(_tree.Root);

        Assert.Equal(GoProjectErrorKind.Unreadable, info.ErrorKind);
        Assert.Equal(_tree.Path("go.mod"), info.ErrorFile);
        Assert.Equal(4, info.ErrorLine);
    }
}
