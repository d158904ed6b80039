using GoPack.Sdk.Functions;
using GoPack.Sdk.Tests.Unit.Project;

namespace GoPack.Sdk.Tests.Unit.Functions;

public class FunctionSourcesTests
{
    [Fact]
    public void Lists_the_go_files_under_api_as_go_and_vercel_skip_them()
    {
        using var tree = new TempTree();
        foreach (var file in new[]
        {
            "api/index.go", "api/users/[id].go", "api/users/users_test.go", "api/_draft.go", "api/.hidden.go",
            "api/_old/x.go", "api/.cache/x.go", "api/testdata/x.go", "api/vendor/x.go", "api/readme.md", "other/x.go", "main.go",
        })
        {
            tree.File(file, "package x\n");
        }

        Assert.Equal(["api/index.go", "api/users/[id].go"], FunctionSources.Enumerate(tree.Root, includeTests: false));
        Assert.Equal(["api/index.go", "api/users/[id].go", "api/users/users_test.go"], FunctionSources.Enumerate(tree.Root, includeTests: true));
        Assert.True(FunctionSources.Exist(tree.Root));
    }

    [Fact]
    public void A_test_file_alone_or_no_api_folder_is_no_function_source()
    {
        using var tree = new TempTree();
        Assert.False(FunctionSources.Exist(tree.Root));
        tree.File("api/x_test.go", "package x\n");
        Assert.False(FunctionSources.Exist(tree.Root));
    }
}
