using GoPack.Sdk.Execution;

namespace GoPack.Sdk.Tests.Unit;

public class UrlRedactionTests
{
    [Theory]
    [InlineData("from https://user:s3cret@mirror.example/go/dl.json now", "from https://***@mirror.example/go/dl.json now")]
    [InlineData("https://mirror.example/go/dl.json?token=abc123 failed", "https://mirror.example/go/dl.json?*** failed")]
    [InlineData("a https://t0ken@host/x?y=1 b", "a https://***@host/x?*** b")]
    [InlineData("Getting go from https://go.dev/dl/?mode=json&include=all", "Getting go from https://go.dev/dl/?mode=json&include=all")]
    [InlineData("file:///srv/mirror/dl.json", "file:///srv/mirror/dl.json")]
    [InlineData("no url here: a@b", "no url here: a@b")]
    public void Removes_user_info_and_query_strings(string text, string expected)
    {
        Assert.Equal(expected, UrlRedaction.Redact(text));
    }

    [Theory]
    [InlineData("go: example.com/m@v1.0.0: reading https://user:s3cret@proxy.example/m/@v/v1.0.0.info: 401", "go: example.com/m@v1.0.0: reading https://***@proxy.example/m/@v/v1.0.0.info: 401")]
    [InlineData("fetch https://git.example/m?go-get=1: 404", "fetch https://git.example/m?go-get=1: 404")]
    [InlineData("example.com/m@v1.0.0 no url", "example.com/m@v1.0.0 no url")]
    public void Takes_only_user_info_out_of_a_tools_output(string line, string expected)
    {
        // go's own lines: a proxy's user:password@ goes, the query string that says what failed stays.
        Assert.Equal(expected, UrlRedaction.RedactUserInfo(line));
    }
}
