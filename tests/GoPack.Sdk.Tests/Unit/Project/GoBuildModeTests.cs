using GoPack.Sdk.Project;

namespace GoPack.Sdk.Tests.Unit.Project;

public sealed class GoBuildModeTests
{
    [Theory]
    [InlineData(null, GoBuildMode.Exe)]
    [InlineData("", GoBuildMode.Exe)]
    [InlineData("exe", GoBuildMode.Exe)]
    [InlineData("Default", GoBuildMode.Exe)]
    [InlineData("pie", GoBuildMode.Pie)]
    [InlineData(" C-Shared ", GoBuildMode.CShared)]
    [InlineData("c-archive", GoBuildMode.CArchive)]
    public void GoBuildMode_values(string? value, GoBuildMode expected)
    {
        Assert.True(GoBuildModes.TryParse(value, out var mode));
        Assert.Equal(expected, mode);
    }

    [Theory]
    [InlineData("plugin")]
    [InlineData("shared")]
    [InlineData("archive")]
    [InlineData("cshared")]
    public void Modes_that_ship_nothing_a_dotnet_project_can_use_are_refused(string value) =>
        Assert.False(GoBuildModes.TryParse(value, out _));

    [Theory]
    [InlineData(GoBuildMode.CShared, "linux", "", "libgomath.so", "libgomath.h")]
    [InlineData(GoBuildMode.CShared, "freebsd", "", "libgomath.so", "libgomath.h")]
    [InlineData(GoBuildMode.CShared, "darwin", "", "libgomath.dylib", "libgomath.h")]
    [InlineData(GoBuildMode.CShared, "windows", ".exe", "gomath.dll", "gomath.h")]
    [InlineData(GoBuildMode.CArchive, "linux", "", "libgomath.a", "libgomath.h")]
    [InlineData(GoBuildMode.CArchive, "windows", ".exe", "libgomath.a", "libgomath.h")]
    [InlineData(GoBuildMode.Exe, "windows", ".exe", "gomath.exe", null)]
    [InlineData(GoBuildMode.Pie, "linux", "", "gomath", null)]
    public void File_names_are_what_dotnet_native_library_probing_looks_for(GoBuildMode mode, string goos, string suffix, string file, string? header)
    {
        Assert.Equal(file, mode.FileName("gomath", goos, suffix));
        Assert.Equal(header, mode.HeaderFileName(file));
    }
}
