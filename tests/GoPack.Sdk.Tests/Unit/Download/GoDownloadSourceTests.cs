using GoPack.Sdk.Toolchains;
using GoPack.Sdk.Toolchains.Download;
using GoPack.Sdk.Versions;

namespace GoPack.Sdk.Tests.Unit.Download;

public sealed class GoDownloadSourceTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Blank_means_go_dev_and_Googles_download_server(string? setting)
    {
        var source = GoDownloadSource.Parse(setting);

        Assert.Equal("https://go.dev/dl/?mode=json&include=all", source.FeedUri.AbsoluteUri);
        Assert.Equal("https://dl.google.com/go/", source.ArchiveBaseUri.AbsoluteUri);
        Assert.Same(GoDownloadSource.Default, source);
    }

    [Theory]
    [InlineData("http://mirror.example.com/go/")]
    [InlineData("http://mirror.example.com/go")]
    [InlineData(" http://mirror.example.com/go/ ")]
    public void A_folder_holds_dl_json_and_the_archives(string setting)
    {
        var source = GoDownloadSource.Parse(setting);

        Assert.Equal("http://mirror.example.com/go/dl.json", source.FeedUri.AbsoluteUri);
        Assert.Equal("http://mirror.example.com/go/", source.ArchiveBaseUri.AbsoluteUri);
    }

    [Theory]
    [InlineData("https://golang.google.cn/dl/?mode=json&include=all", "https://golang.google.cn/dl/")]
    [InlineData("https://mirror.example.com/go/releases.json", "https://mirror.example.com/go/")]
    [InlineData("https://mirror.example.com/go/RELEASES.JSON", "https://mirror.example.com/go/")]
    [InlineData("https://mirror.example.com/api/feed?format=json", "https://mirror.example.com/api/")]
    public void A_feed_URL_has_its_archives_next_to_it(string setting, string expectedBase)
    {
        var source = GoDownloadSource.Parse(setting);

        Assert.Equal(setting, source.FeedUri.OriginalString);
        Assert.Equal(expectedBase, source.ArchiveBaseUri.AbsoluteUri);
    }

    [Fact]
    public void File_URLs_and_absolute_paths_name_offline_mirrors()
    {
        using var temp = new TempDirectory();
        var folder = temp.Combine("mirror");

        var fromPath = GoDownloadSource.Parse(folder);
        var fromUrl = GoDownloadSource.Parse(new Uri(folder).AbsoluteUri);
        var fromFeedPath = GoDownloadSource.Parse(Path.Combine(folder, "dl.json"));

        foreach (var source in new[] { fromPath, fromUrl, fromFeedPath })
        {
            Assert.True(source.FeedUri.IsFile);
            Assert.Equal(Path.Combine(folder, "dl.json"), source.FeedUri.LocalPath);
            Assert.Equal(folder + Path.DirectorySeparatorChar, source.ArchiveBaseUri.LocalPath);
        }
    }

    [Theory]
    [InlineData("mirror/go")]
    [InlineData("./go")]
    [InlineData("ftp://mirror.example.com/go/")]
    [InlineData("mirror.example.com/go")]
    public void Anything_else_is_a_FormatException(string setting)
    {
        var e = Assert.Throws<FormatException>(() => GoDownloadSource.Parse(setting));

        Assert.Contains(setting, e.Message);
        Assert.Contains("dl.json", e.Message);
    }

    [Theory]
    [InlineData("http://mirror/go/", "http://mirror/go/go1.22.3.linux-amd64.tar.gz")]
    [InlineData("http://mirror/go", "http://mirror/go/go1.22.3.linux-amd64.tar.gz")]
    [InlineData("https://dl.google.com/go/", "https://dl.google.com/go/go1.22.3.linux-amd64.tar.gz")]
    public void Archives_are_base_plus_file_name(string baseUri, string expected)
    {
        var file = new GoReleaseFile("go1.22.3.linux-amd64.tar.gz", "linux", "amd64", GoVersion.Parse("1.22.3"), "", 0, "archive");

        Assert.Equal(expected, GoDownloadSource.GetArchiveUri(new Uri(baseUri), file.FileName).AbsoluteUri);
        Assert.Equal(expected, new GoDownloadSource(new Uri("http://x/dl.json"), new Uri(baseUri)).GetArchiveUri(file).AbsoluteUri);
    }

    [Theory]
    [InlineData("../secret")]
    [InlineData("a/b.tar.gz")]
    [InlineData("a\\b.zip")]
    [InlineData("..")]
    [InlineData("")]
    [InlineData("x?y=1")]
    public void File_names_from_the_feed_must_be_plain(string fileName)
    {
        Assert.Throws<ArgumentException>(() => GoDownloadSource.GetArchiveUri(new Uri("http://mirror/go/"), fileName));
    }
}
