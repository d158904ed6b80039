using GoPack.Sdk.Toolchains;
using GoPack.Sdk.Versions;

namespace GoPack.Sdk.Tests.Unit;

public class GoVersionTests
{
    [Theory]
    [InlineData("1.22", 1, 22, null, null, true)]
    [InlineData("1.22.3", 1, 22, 3, null, false)]
    [InlineData("go1.22.3", 1, 22, 3, null, false)]
    [InlineData("  go1.22.3\n", 1, 22, 3, null, false)]
    [InlineData("1.21rc1", 1, 21, null, "rc1", false)]
    [InlineData("go1.21rc2", 1, 21, null, "rc2", false)]
    [InlineData("1.18beta2", 1, 18, null, "beta2", false)]
    [InlineData("1.21.0", 1, 21, 0, null, false)]
    [InlineData("1.21", 1, 21, null, null, true)]
    [InlineData("1.20", 1, 20, 0, null, false)]
    [InlineData("go1.20", 1, 20, 0, null, false)]
    [InlineData("1.20.0", 1, 20, 0, null, false)]
    [InlineData("1.20rc1", 1, 20, null, "rc1", false)]
    [InlineData("1.9", 1, 9, 0, null, false)]
    [InlineData("1.10", 1, 10, 0, null, false)]
    [InlineData("1.0", 1, 0, 0, null, false)]
    [InlineData("2.0", 2, 0, null, null, true)]
    [InlineData("1.21rc", 1, 21, null, "rc", false)]
    [InlineData("1.123.456", 1, 123, 456, null, false)]
    public void Parse_reads_the_parts(string text, int major, int minor, int? patch, string? prerelease, bool isLanguageVersion)
    {
        var version = GoVersion.Parse(text);

        Assert.Equal(major, version.Major);
        Assert.Equal(minor, version.Minor);
        Assert.Equal(patch, version.Patch);
        Assert.Equal(prerelease, version.Prerelease);
        Assert.Equal(isLanguageVersion, version.IsLanguageVersion);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("go")]
    [InlineData("1")]
    [InlineData("go1")]
    [InlineData("v1.2")]
    [InlineData("1.2.3.4")]
    [InlineData("1.")]
    [InlineData(".1")]
    [InlineData("1.2.")]
    [InlineData("1..2")]
    [InlineData("1.x")]
    [InlineData("01.2")]
    [InlineData("1.02")]
    [InlineData("1.2.03")]
    [InlineData("-1.2")]
    [InlineData("+1.2")]
    [InlineData("1.-2")]
    [InlineData("1.21.3rc1")]
    [InlineData("1.21RC1")]
    [InlineData("1.21-rc1")]
    [InlineData("1.21rc1x")]
    [InlineData("1.21rc01")]
    [InlineData("1.21 rc1")]
    [InlineData("go 1.21")]
    [InlineData("GO1.21")]
    [InlineData("golang1.21")]
    [InlineData("devel go1.23-abc123 Tue Jun 4 2024")]
    [InlineData("1.99999999999")]
    [InlineData("garbage")]
    [InlineData("1.2\n1.3")]
    [InlineData("1.2a3b")]
    public void TryParse_rejects(string? text)
    {
        Assert.False(GoVersion.TryParse(text, out var version));
        Assert.Null(version);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1")]
    [InlineData("v1.2")]
    [InlineData("1.2.3.4")]
    public void Parse_throws_FormatException_for_what_TryParse_rejects(string text)
    {
        var e = Assert.Throws<FormatException>(() => GoVersion.Parse(text));
        Assert.Contains(text, e.Message);
    }

    [Fact]
    public void Parse_throws_ArgumentNullException_for_null() =>
        Assert.Throws<ArgumentNullException>(() => GoVersion.Parse(null!));

    [Theory]
    [InlineData("1.22.3", "1.22.3", "go1.22.3")]
    [InlineData("go1.22.3", "1.22.3", "go1.22.3")]
    [InlineData("1.22", "1.22", "go1.22")]
    [InlineData("1.21.0", "1.21.0", "go1.21.0")]
    [InlineData("1.21rc1", "1.21rc1", "go1.21rc1")]
    [InlineData("1.18beta2", "1.18beta2", "go1.18beta2")]
    [InlineData("1.20", "1.20", "go1.20")]
    [InlineData("1.20.0", "1.20", "go1.20")]
    [InlineData("go1.20.0", "1.20", "go1.20")]
    [InlineData("1.20.14", "1.20.14", "go1.20.14")]
    [InlineData("1.9", "1.9", "go1.9")]
    [InlineData("1.9.0", "1.9", "go1.9")]
    [InlineData("1.21rc", "1.21rc", "go1.21rc")]
    public void Formats_as_Go_names_versions(string text, string expectedToString, string expectedReleaseName)
    {
        var version = GoVersion.Parse(text);

        Assert.Equal(expectedToString, version.ToString());
        Assert.Equal(expectedReleaseName, version.ReleaseName);
        Assert.Equal(version, GoVersion.Parse(version.ToString()));
        Assert.Equal(version, GoVersion.Parse(version.ReleaseName));
    }

    // Each pair is strictly ascending. Together they cover gover's rules: numeric parts, language
    // versions before prereleases before releases from 1.21 on, and the .0-less first release before 1.21.
    [Theory]
    [InlineData("1.9", "1.10")]
    [InlineData("1.9.9", "1.10")]
    [InlineData("1.10", "1.19")]
    [InlineData("1.19", "1.20")]
    [InlineData("1.2", "1.10")]
    [InlineData("1.20.14", "1.21")]
    [InlineData("1.21", "1.21rc1")]
    [InlineData("1.21", "1.21beta1")]
    [InlineData("1.21", "1.21rc")]
    [InlineData("1.21rc", "1.21rc1")]
    [InlineData("1.21beta1", "1.21beta2")]
    [InlineData("1.21beta2", "1.21rc1")]
    [InlineData("1.21alpha1", "1.21beta1")]
    [InlineData("1.21rc1", "1.21rc2")]
    [InlineData("1.21rc2", "1.21rc10")]
    [InlineData("1.21rc10", "1.21.0")]
    [InlineData("1.21rc1", "1.21.0")]
    [InlineData("1.21", "1.21.0")]
    [InlineData("1.21.0", "1.21.1")]
    [InlineData("1.21.1", "1.21.10")]
    [InlineData("1.21.9", "1.21.10")]
    [InlineData("1.21.10", "1.22")]
    [InlineData("1.21.99", "1.22rc1")]
    [InlineData("1.22", "1.22.0")]
    [InlineData("1.22rc1", "1.22.0")]
    [InlineData("1.22.0", "1.22.3")]
    [InlineData("1.20rc1", "1.20")]
    [InlineData("1.20rc1", "1.20.0")]
    [InlineData("1.20beta1", "1.20rc1")]
    [InlineData("1.20rc2", "1.20")]
    [InlineData("1.20", "1.20.1")]
    [InlineData("1.20.0", "1.20.1")]
    [InlineData("1.19.13", "1.20rc1")]
    [InlineData("1.9rc1", "1.9")]
    [InlineData("1.9", "1.9.1")]
    [InlineData("go1.19.8", "go1.22.3")]
    [InlineData("go1.22.3", "1.23")]
    [InlineData("1.99.99", "2.0")]
    [InlineData("1.0", "1.0.1")]
    [InlineData("1.0.1", "1.1")]
    public void Orders_ascending(string lower, string higher)
    {
        var low = GoVersion.Parse(lower);
        var high = GoVersion.Parse(higher);

        Assert.True(low.CompareTo(high) < 0, $"{lower} should sort before {higher}");
        Assert.True(high.CompareTo(low) > 0, $"{higher} should sort after {lower}");
        Assert.True(low < high);
        Assert.True(low <= high);
        Assert.True(high > low);
        Assert.True(high >= low);
        Assert.False(low > high);
        Assert.False(low >= high);
        Assert.False(high < low);
        Assert.False(high <= low);
        Assert.False(low == high);
        Assert.True(low != high);
        Assert.False(low.Equals(high));
        Assert.True(high.Satisfies(low));
        Assert.False(low.Satisfies(high));
    }

    [Theory]
    [InlineData("1.20", "1.20.0")]
    [InlineData("go1.20", "1.20.0")]
    [InlineData("1.20", "go1.20")]
    [InlineData("1.9", "1.9.0")]
    [InlineData("1.22.3", "go1.22.3")]
    [InlineData("1.21rc1", "go1.21rc1")]
    [InlineData("1.21", " go1.21 ")]
    public void Orders_equal(string left, string right)
    {
        var a = GoVersion.Parse(left);
        var b = GoVersion.Parse(right);

        Assert.Equal(0, a.CompareTo(b));
        Assert.Equal(0, b.CompareTo(a));
        Assert.True(a == b);
        Assert.False(a != b);
        Assert.True(a <= b);
        Assert.True(a >= b);
        Assert.False(a < b);
        Assert.False(a > b);
        Assert.True(a.Equals(b));
        Assert.True(a.Equals((object)b));
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.True(a.Satisfies(b));
        Assert.True(b.Satisfies(a));
    }

    [Fact]
    public void Sorting_a_shuffled_list_gives_Go_order()
    {
        string[] expected =
        {
            "1.9rc1", "1.9", "1.9.1", "1.10", "1.19.8", "1.20rc1", "1.20", "1.20.1",
            "1.21", "1.21rc1", "1.21rc2", "1.21.0", "1.21.1", "1.22", "1.22.0", "1.22.3", "1.22.10",
        };
        var versions = Enumerable.Reverse(expected).Select(GoVersion.Parse).ToList();
        versions.Add(versions[3]);
        versions.RemoveAt(3);

        versions.Sort();

        Assert.Equal(expected, versions.Select(v => v.ToString()));
    }

    [Theory]
    [InlineData("1.22.3", "1.22", true)]
    [InlineData("1.22.0", "1.22", true)]
    [InlineData("1.22rc1", "1.22", true)]
    [InlineData("1.22", "1.22", true)]
    [InlineData("1.21.9", "1.22", false)]
    [InlineData("1.22.3", "1.22.3", true)]
    [InlineData("1.22.2", "1.22.3", false)]
    [InlineData("1.23.0", "1.22.3", true)]
    [InlineData("1.22", "1.22.0", false)]
    [InlineData("1.20", "1.20", true)]
    [InlineData("1.20", "1.20.0", true)]
    [InlineData("1.20rc1", "1.20", false)]
    [InlineData("1.19.8", "1.20", false)]
    [InlineData("1.10", "1.9", true)]
    public void Satisfies_is_at_least_with_Go_semantics(string version, string minimum, bool expected) =>
        Assert.Equal(expected, GoVersion.Parse(version).Satisfies(GoVersion.Parse(minimum)));

    [Fact]
    public void Null_sorts_first_and_is_only_equal_to_null()
    {
        var version = GoVersion.Parse("1.22");
        GoVersion? none = null;
        GoVersion? alsoNone = null;

        Assert.True(version.CompareTo(null) > 0);
        Assert.False(version.Equals(null));
        Assert.False(version.Equals((object?)null));
        Assert.False(version.Equals("1.22"));
        Assert.True(none < version);
        Assert.True(version > none);
        Assert.True(none == null);
        Assert.False(version == none);
        Assert.True(version != none);
        Assert.True(none <= alsoNone);
        Assert.True(none == alsoNone);
        Assert.Throws<ArgumentNullException>(() => version.Satisfies(null!));
    }

    [Fact]
    public void Equal_versions_are_one_key_in_a_set()
    {
        var set = new HashSet<GoVersion> { GoVersion.Parse("1.20"), GoVersion.Parse("go1.20.0"), GoVersion.Parse("1.21"), GoVersion.Parse("1.21.0") };

        Assert.Equal(3, set.Count);
    }
}
