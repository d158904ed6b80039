using GoPack.Sdk.Toolchains;
using GoPack.Sdk.Toolchains.Download;
using GoPack.Sdk.Versions;

namespace GoPack.Sdk.Tests.Unit.Download;

public sealed class GoReleaseFeedTests
{
    private const string Sha = "8920ea521bad8f6b7bc377b4824982e011c19af27df88a815e3586ea895f1b36";

    // Shaped like https://go.dev/dl/?mode=json&include=all, cut down: unordered, with source and installer
    // files, a release candidate, pre-1.21 names and the armv6l spelling.
    private static readonly string Feed = """
        [
         {
          "version": "go1.22.3",
          "stable": true,
          "files": [
           {"filename": "go1.22.3.src.tar.gz", "os": "", "arch": "", "version": "go1.22.3", "sha256": "80648ef34f903193d72a59c0dff019f5f98ae0c9aa13ade0b0ecbff991a76f68", "size": 27581969, "kind": "source"},
           {"filename": "go1.22.3.darwin-arm64.pkg", "os": "darwin", "arch": "arm64", "version": "go1.22.3", "sha256": "1111111111111111111111111111111111111111111111111111111111111111", "size": 65000000, "kind": "installer"},
           {"filename": "go1.22.3.darwin-arm64.tar.gz", "os": "darwin", "arch": "arm64", "version": "go1.22.3", "sha256": "02abeab3f4b8981232237ebd88f0a9bad933bc9621791cd7720a9ca29eacbe9d", "size": 64966486, "kind": "archive"},
           {"filename": "go1.22.3.linux-amd64.tar.gz", "os": "linux", "arch": "amd64", "version": "go1.22.3", "sha256": "8920EA521BAD8F6B7BC377B4824982E011C19AF27DF88A815E3586EA895F1B36", "size": 68958945, "kind": "archive"},
           {"filename": "go1.22.3.linux-armv6l.tar.gz", "os": "linux", "arch": "armv6l", "version": "go1.22.3", "sha256": "2222222222222222222222222222222222222222222222222222222222222222", "size": 66000000, "kind": "archive"},
           {"filename": "go1.22.3.freebsd-arm.tar.gz", "os": "freebsd", "arch": "arm", "version": "go1.22.3", "sha256": "3333333333333333333333333333333333333333333333333333333333333333", "size": 66000000, "kind": "archive"},
           {"filename": "go1.22.3.windows-amd64.msi", "os": "windows", "arch": "amd64", "version": "go1.22.3", "sha256": "4444444444444444444444444444444444444444444444444444444444444444", "size": 60000000, "kind": "installer"},
           {"filename": "go1.22.3.windows-amd64.zip", "os": "windows", "arch": "amd64", "version": "go1.22.3", "sha256": "5555555555555555555555555555555555555555555555555555555555555555", "size": 70000000, "kind": "archive"},
           {"filename": "go1.22.3.windows-386.zip", "os": "windows", "arch": "386", "version": "go1.22.3", "sha256": "6666666666666666666666666666666666666666666666666666666666666666", "size": 70000000, "kind": "archive"}
          ]
         },
         {"version": "go1.23rc1", "stable": false, "files": [
           {"filename": "go1.23rc1.linux-amd64.tar.gz", "os": "linux", "arch": "amd64", "version": "go1.23rc1", "sha256": "7777777777777777777777777777777777777777777777777777777777777777", "size": 70000000, "kind": "archive"}]},
         {"version": "go1.22.0", "stable": true, "files": [
           {"filename": "go1.22.0.linux-amd64.tar.gz", "os": "linux", "arch": "amd64", "version": "go1.22.0", "sha256": "8888888888888888888888888888888888888888888888888888888888888888", "size": 1, "kind": "archive"}]},
         {"version": "go1.21.10", "stable": true, "files": [
           {"filename": "go1.21.10.linux-amd64.tar.gz", "os": "linux", "arch": "amd64", "version": "go1.21.10", "sha256": "9999999999999999999999999999999999999999999999999999999999999999", "size": 1, "kind": "archive"}]},
         {"version": "go1.21.9", "stable": true, "files": [
           {"filename": "go1.21.9.linux-amd64.tar.gz", "os": "linux", "arch": "amd64", "version": "go1.21.9", "sha256": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "size": 1, "kind": "archive"}]},
         {"version": "go1.21.0", "stable": true, "files": []},
         {"version": "go1.21rc2", "stable": false, "files": []},
         {"version": "go1.20", "stable": true, "files": [
           {"filename": "go1.20.linux-amd64.tar.gz", "os": "linux", "arch": "amd64", "version": "go1.20", "sha256": "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "size": 1, "kind": "archive"}]},
         {"version": "go1.20.14", "stable": true, "files": [
           {"filename": "go1.20.14.linux-amd64.tar.gz", "os": "linux", "arch": "amd64", "version": "go1.20.14", "sha256": "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc", "size": 1, "kind": "archive"}]},
         {"version": "go1.9", "stable": true, "files": []},
         {"version": "go1.10", "stable": true, "files": []},
         {"version": "go1", "stable": true, "files": []},
         {"version": "go1.9.2rc2", "stable": false, "files": []}
        ]
        """;

    private static GoVersion V(string text) => GoVersion.Parse(text);

    [Fact]
    public void Parses_every_field_of_a_release_and_its_files()
    {
        var feed = GoReleaseFeed.Parse(Feed);

        var release = feed.FindRelease(V("1.22.3"))!;
        Assert.True(release.Stable);
        Assert.Equal(9, release.Files.Count);
        var linux = release.Files.Single(f => f.FileName == "go1.22.3.linux-amd64.tar.gz");
        Assert.Equal(
            new GoReleaseFile("go1.22.3.linux-amd64.tar.gz", "linux", "amd64", V("1.22.3"), Sha, 68958945, "archive"),
            linux with { });
        var source = release.Files[0];
        Assert.Equal(("", "", "source", 27581969L), (source.Os, source.Arch, source.Kind, source.Size));
        Assert.False(feed.FindRelease(V("1.23rc1"))!.Stable);
    }

    [Fact]
    public void Releases_are_newest_first_by_Go_ordering_and_unreadable_versions_are_skipped()
    {
        var feed = GoReleaseFeed.Parse(Feed);

        Assert.Equal(
            new[] { "go1.23rc1", "go1.22.3", "go1.22.0", "go1.21.10", "go1.21.9", "go1.21.0", "go1.21rc2", "go1.20.14", "go1.20", "go1.10", "go1.9" },
            feed.Releases.Select(r => r.Version.ReleaseName));
    }

    [Fact]
    public void A_repeated_version_keeps_its_first_listing()
    {
        var feed = GoReleaseFeed.Parse("""[{"version":"go1.22.3","stable":true,"files":[]},{"version":"go1.22.3","stable":false,"files":[]}]""");

        Assert.True(Assert.Single(feed.Releases).Stable);
    }

    [Theory]
    [InlineData("linux", "amd64", "go1.22.3.linux-amd64.tar.gz")]
    [InlineData("darwin", "arm64", "go1.22.3.darwin-arm64.tar.gz")]
    [InlineData("windows", "amd64", "go1.22.3.windows-amd64.zip")]
    [InlineData("windows", "386", "go1.22.3.windows-386.zip")]
    [InlineData("linux", "arm", "go1.22.3.linux-armv6l.tar.gz")]
    [InlineData("linux", "armv6l", "go1.22.3.linux-armv6l.tar.gz")]
    [InlineData("freebsd", "arm", "go1.22.3.freebsd-arm.tar.gz")]
    public void FindArchive_picks_the_archive_not_the_installer_or_source(string goos, string goarch, string expected)
    {
        var feed = GoReleaseFeed.Parse(Feed);

        var file = feed.FindArchive(V("1.22.3"), goos, goarch);

        Assert.NotNull(file);
        Assert.Equal(expected, file!.FileName);
        Assert.Equal("archive", file.Kind);
    }

    [Fact]
    public void FindArchive_is_null_for_a_missing_platform_or_version()
    {
        var feed = GoReleaseFeed.Parse(Feed);

        Assert.Null(feed.FindArchive(V("1.22.3"), "linux", "s390x"));
        Assert.Null(feed.FindArchive(V("1.22.3"), "darwin", "amd64"));
        Assert.Null(feed.FindArchive(V("1.22.4"), "linux", "amd64"));
        Assert.Null(feed.FindArchive(V("1.22"), "linux", "amd64"));
    }

    [Fact]
    public void FindArchive_prefers_the_plainly_named_archive_when_a_release_has_several()
    {
        var feed = GoReleaseFeed.Parse(FakeGo.FeedJson(FakeGo.ReleaseJson("go1.4", true,
            FakeGo.FileJson("go1.4.darwin-amd64-osx10.6.tar.gz", "darwin", "amd64", "go1.4", Sha, 1),
            FakeGo.FileJson("go1.4.darwin-amd64.tar.gz", "darwin", "amd64", "go1.4", Sha, 1),
            FakeGo.FileJson("go1.4.darwin-amd64-osx10.8.tar.gz", "darwin", "amd64", "go1.4", Sha, 1))));

        Assert.Equal("go1.4.darwin-amd64.tar.gz", feed.FindArchive(V("1.4"), "darwin", "amd64")!.FileName);
    }

    [Theory]
    // A language version means the newest stable release of that line.
    [InlineData("1.22", false, false, "go1.22.3")]
    [InlineData("1.21", false, false, "go1.21.10")]
    // A patch minimum stays in its line and takes the newest fixes there.
    [InlineData("1.21.5", false, false, "go1.21.10")]
    [InlineData("1.22.0", false, false, "go1.22.3")]
    // Past the last release of a line, the next line's newest.
    [InlineData("1.21.11", false, false, "go1.22.3")]
    [InlineData("1.20.15", false, false, "go1.21.10")]
    // Before 1.21, "1.20" is the release go1.20, so as a minimum it allows 1.20.x.
    [InlineData("1.20", false, false, "go1.20.14")]
    [InlineData("1.9", false, false, "go1.9")]
    [InlineData("1.10", false, false, "go1.10")]
    // Release candidates only when asked for.
    [InlineData("1.23", false, false, null)]
    [InlineData("1.23", false, true, "go1.23rc1")]
    [InlineData("1.22.4", false, true, "go1.23rc1")]
    [InlineData("1.21rc1", false, false, "go1.21.10")]
    [InlineData("1.24", false, true, null)]
    // Exact pins.
    [InlineData("1.22.3", true, false, "go1.22.3")]
    [InlineData("1.22.0", true, false, "go1.22.0")]
    [InlineData("1.20", true, false, "go1.20")]
    [InlineData("1.20.0", true, false, "go1.20")]
    [InlineData("1.21.9", true, false, "go1.21.9")]
    [InlineData("1.23rc1", true, false, "go1.23rc1")]
    [InlineData("1.22.4", true, true, null)]
    // An exact language version names no release: its line's newest, never another line.
    [InlineData("1.21", true, false, "go1.21.10")]
    [InlineData("1.23", true, false, null)]
    public void SelectNewest_follows_Go_version_semantics(string minimum, bool exact, bool includeUnstable, string? expected)
    {
        var feed = GoReleaseFeed.Parse(Feed);

        var selected = feed.SelectNewest(V(minimum), exact, includeUnstable);

        Assert.Equal(expected, selected?.Version.ReleaseName);
    }

    [Fact]
    public void SelectNewest_with_a_platform_skips_releases_without_an_archive_for_it()
    {
        var feed = GoReleaseFeed.Parse(Feed);

        Assert.Equal("go1.22.3", feed.SelectNewest(V("1.22"), exact: false, platform: new GoArchivePlatform("windows", "amd64"))?.Version.ReleaseName);
        Assert.Equal("go1.22.3", feed.SelectNewest(V("1.21"), exact: false, platform: new GoArchivePlatform("windows", "amd64"))?.Version.ReleaseName);
        Assert.Null(feed.SelectNewest(V("1.21"), exact: true, platform: new GoArchivePlatform("windows", "amd64")));
        Assert.Null(feed.SelectNewest(V("1.22.3"), exact: true, platform: new GoArchivePlatform("linux", "s390x")));
    }

    [Theory]
    [InlineData("\"\\uD800\"")]
    [InlineData("[{\"version\":\"go1.22.\\uDC00\",\"stable\":true,\"files\":[]}]")]
    public void Half_a_surrogate_pair_in_a_string_is_a_FormatException_not_a_crash(string json)
    {
        // Found by the fuzz harness: the parser accepts the escape, System.Text.Json's GetString throws.
        var e = Assert.Throws<FormatException>(() => GoReleaseFeed.Parse(json));

        Assert.StartsWith("The Go release feed is malformed", e.Message);
    }

    [Theory]
    [InlineData("", "line 1, column 1", "does not contain any JSON tokens")]
    [InlineData("[", "line 1, column 2", "open JSON object or array")]
    [InlineData("[{\"version\":\"go1.22.3\",}]", "line 1, column 24", "trailing comma")]
    [InlineData("[{\"version\":\"go1.22.3\"}\n,]", "line 2, column 2", "trailing comma")]
    [InlineData("[1 2]", "line 1, column 4", "Expected either ',', '}', or ']'")]
    [InlineData("<!DOCTYPE html><html>", "line 1, column 1", "'<' is an invalid start of a value")]
    [InlineData("[\"unterminated]", "line 1, column 16", "Expected end of string")]
    [InlineData("[] []", "line 1, column 4", "Expected end of data")]
    [InlineData("[tru]", "line 1, column 5", "Expected the literal 'true'")]
    [InlineData("[01]", "line 1, column 3", "leading zero")]
    [InlineData("[\"\\x\"]", "line 1, column 4", "invalid escapable character")]
    public void Malformed_JSON_is_a_FormatException_saying_where(string json, string where, string what)
    {
        var e = Assert.Throws<FormatException>(() => GoReleaseFeed.Parse(json));

        Assert.StartsWith("The Go release feed is not valid JSON.", e.Message);
        Assert.Contains($"Error at {where}: ", e.Message);
        Assert.Contains(what, e.Message);
        // System.Text.Json's own zero-based position and its advice to change reader options are not for a feed's user.
        Assert.DoesNotContain("LineNumber", e.Message);
        Assert.DoesNotContain("reader options", e.Message);
    }

    [Theory]
    [InlineData("{}", "must be a JSON array of releases", "not an object")]
    [InlineData("[42]", "[0] should be a release object", "not the number 42")]
    [InlineData("[{\"stable\":true}]", "[0] has no \"version\"", "")]
    [InlineData("[{\"version\":1.22}]", "[0].version should be a string", "1.22")]
    [InlineData("[{\"version\":\"go1.22.3\",\"stable\":\"yes\"}]", "[0].stable should be true or false", "\"yes\"")]
    [InlineData("[{\"version\":\"go1.22.3\",\"files\":{}}]", "[0].files should be an array", "")]
    [InlineData("[{\"version\":\"go1.22.3\",\"files\":[{\"os\":\"linux\"}]}]", "[0].files[0] has no \"filename\"", "")]
    [InlineData("[{\"version\":\"go1.22.3\",\"files\":[{\"filename\":\"x\",\"size\":\"12\"}]}]", "[0].files[0].size should be a whole number of bytes", "")]
    [InlineData("[{\"version\":\"go1.22.3\",\"files\":[{\"filename\":\"x\",\"size\":1.5}]}]", "[0].files[0].size should be a whole number of bytes", "1.5")]
    [InlineData("[{\"version\":\"go1.22.3\",\"files\":[{\"filename\":\"x\",\"size\":-1}]}]", "[0].files[0].size", "")]
    public void A_feed_of_the_wrong_shape_is_a_FormatException_naming_the_field(string json, string expected, string alsoExpected)
    {
        var e = Assert.Throws<FormatException>(() => GoReleaseFeed.Parse(json));

        Assert.Contains(expected, e.Message);
        Assert.Contains(alsoExpected, e.Message);
    }

    [Fact]
    public void Missing_optional_fields_have_defaults_and_unknown_fields_are_ignored()
    {
        var feed = GoReleaseFeed.Parse("""
            [{"version":"go1.22.3","extra":{"nested":[1,2,{"a":null}]},"files":[{"filename":"go1.22.3.linux-amd64.tar.gz","future":true}]},
             {"version":"go1.22.2","stable":null,"files":null}]
            """);

        var release = feed.Releases[0];
        Assert.False(release.Stable);
        var file = Assert.Single(release.Files);
        Assert.Equal(("", "", "", 0L, ""), (file.Os, file.Arch, file.Sha256, file.Size, file.Kind));
        Assert.Empty(feed.Releases[1].Files);
    }

    [Fact]
    public void JSON_escapes_a_byte_order_mark_and_whitespace_are_understood()
    {
        var json = "\uFEFF \r\n\t[{\"version\":\"go1.22.3\",\"stable\":true,\"files\":[{\"filename\":\"go1.22.3.linux\\u002Damd64.tar.gz\",\"os\":\"lin\\/ux\\n\\\"\\\\\",\"size\":1e3}]}]";

        var e = Assert.Throws<FormatException>(() => GoReleaseFeed.Parse(json));
        Assert.Contains("1e3", e.Message);

        var file = GoReleaseFeed.Parse(json.Replace("1e3", "1000")).Releases[0].Files[0];
        Assert.Equal("go1.22.3.linux-amd64.tar.gz", file.FileName);
        Assert.Equal("lin/ux\n\"\\", file.Os);
        Assert.Equal(1000, file.Size);
    }

    [Fact]
    public void Deeply_nested_JSON_is_refused_rather_than_overflowing_the_stack()
    {
        var json = new string('[', 10000) + new string(']', 10000);

        var e = Assert.Throws<FormatException>(() => GoReleaseFeed.Parse(json));

        Assert.Contains("line 1, column 65", e.Message);
        Assert.Contains("depth of 64", e.Message);
    }

    [Fact]
    public void Sizes_beyond_int_range_are_kept()
    {
        var feed = GoReleaseFeed.Parse("""[{"version":"go1.22.3","files":[{"filename":"big","size":5000000000}]}]""");

        Assert.Equal(5_000_000_000L, feed.Releases[0].Files[0].Size);
    }
}
