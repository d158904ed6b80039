using System.Text;
using GoPack.Sdk.Project;

namespace GoPack.Sdk.Tests.Unit.Project;

public sealed class GitCredentialsTests
{
    [Fact]
    public void No_credentials_change_nothing()
    {
        var credentials = GitCredentials.FromEnvironment(Env.Of(("PATH", "/usr/bin"), ("GOPRIVATE", "")));

        Assert.True(credentials.IsEmpty);
        Assert.Empty(credentials.EnvironmentVariables);
        Assert.Empty(credentials.Secrets);
        Assert.Equal("nothing secret", credentials.Mask("nothing secret"));
        Assert.True(GitCredentials.FromEnvironment(null).IsEmpty);
    }

    [Fact]
    public void Heroku_variable_with_user_and_password()
    {
        var credentials = GitCredentials.FromEnvironment(Env.Of(("GO_GIT_CRED__HTTPS__GITHUB__COM", "octocat:s3cret")));

        Assert.Equal(new[] { new GitCredentialHost("https", "github.com", "GO_GIT_CRED__HTTPS__GITHUB__COM") }, credentials.Hosts);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["GIT_CONFIG_COUNT"] = "1",
                ["GIT_CONFIG_KEY_0"] = "url.https://octocat:s3cret@github.com/.insteadOf",
                ["GIT_CONFIG_VALUE_0"] = "https://github.com/",
                ["GIT_TERMINAL_PROMPT"] = "0",
                ["GOPRIVATE"] = "github.com",
            },
            credentials.EnvironmentVariables);
        Assert.Contains("s3cret", credentials.Secrets);
        Assert.DoesNotContain("octocat", credentials.Secrets);
        Assert.Empty(credentials.Warnings);
    }

    [Fact]
    public void A_token_alone_is_the_user_name_with_x_oauth_basic_as_scalingo_documents()
    {
        var credentials = GitCredentials.FromEnvironment(Env.Of(("GO_GIT_CRED__HTTPS__GITHUB__COM", "ghp_FakeToken123")));

        Assert.Equal("url.https://ghp_FakeToken123:x-oauth-basic@github.com/.insteadOf", credentials.EnvironmentVariables["GIT_CONFIG_KEY_0"]);
        Assert.Contains("ghp_FakeToken123", credentials.Secrets);
        Assert.DoesNotContain("x-oauth-basic", credentials.Secrets);
        Assert.Equal("user ***", credentials.Mask("user ghp_FakeToken123"));
    }

    [Fact]
    public void Every_double_underscore_in_the_host_is_a_dot()
    {
        var credentials = GitCredentials.FromEnvironment(Env.Of(("GO_GIT_CRED__HTTPS__GIT__EXAMPLE__CO__UK", "u:p")));

        Assert.Equal("git.example.co.uk", credentials.Hosts.Single().Host);
        Assert.Equal("git.example.co.uk", credentials.EnvironmentVariables["GOPRIVATE"]);
    }

    [Fact]
    public void Special_characters_are_url_escaped()
    {
        var credentials = GitCredentials.FromEnvironment(Env.Of(("GO_GIT_CRED__HTTPS__GITLAB__COM", "me@corp:p@ss:w/rd% #")));

        Assert.Equal("url.https://me%40corp:p%40ss%3Aw%2Frd%25%20%23@gitlab.com/.insteadOf", credentials.EnvironmentVariables["GIT_CONFIG_KEY_0"]);
    }

    [Fact]
    public void GIT_CREDENTIALS_holds_several_urls()
    {
        var credentials = GitCredentials.FromEnvironment(Env.Of(
            ("GIT_CREDENTIALS", "https://alice:tok%2Fen1@github.com\nhttps://bob:token2@GitLab.example.com:8443/group/repo, https://token3@bitbucket.org")));

        Assert.Equal(
            new[] { "github.com", "gitlab.example.com:8443", "bitbucket.org" },
            credentials.Hosts.Select(h => h.Host));
        Assert.Equal("GIT_CREDENTIALS entry 2", credentials.Hosts[1].Source);
        Assert.Equal("3", credentials.EnvironmentVariables["GIT_CONFIG_COUNT"]);
        Assert.Equal("url.https://alice:tok%2Fen1@github.com/.insteadOf", credentials.EnvironmentVariables["GIT_CONFIG_KEY_0"]);
        Assert.Equal("url.https://bob:token2@gitlab.example.com:8443/.insteadOf", credentials.EnvironmentVariables["GIT_CONFIG_KEY_1"]);
        Assert.Equal("https://gitlab.example.com:8443/", credentials.EnvironmentVariables["GIT_CONFIG_VALUE_1"]);
        Assert.Equal("url.https://token3:x-oauth-basic@bitbucket.org/.insteadOf", credentials.EnvironmentVariables["GIT_CONFIG_KEY_2"]);
        Assert.Equal("github.com,gitlab.example.com,bitbucket.org", credentials.EnvironmentVariables["GOPRIVATE"]);
        Assert.Contains("tok/en1", credentials.Secrets);
        Assert.Contains("tok%2Fen1", credentials.Secrets);
    }

    [Fact]
    public void Existing_git_config_entries_are_kept()
    {
        var credentials = GitCredentials.FromEnvironment(Env.Of(
            ("GIT_CONFIG_COUNT", "2"),
            ("GO_GIT_CRED__HTTPS__GITHUB__COM", "u:p")));

        Assert.Equal("3", credentials.EnvironmentVariables["GIT_CONFIG_COUNT"]);
        Assert.True(credentials.EnvironmentVariables.ContainsKey("GIT_CONFIG_KEY_2"));
        Assert.False(credentials.EnvironmentVariables.ContainsKey("GIT_CONFIG_KEY_0"));
    }

    [Fact]
    public void Unreadable_GIT_CONFIG_COUNT_is_replaced_with_a_warning()
    {
        var credentials = GitCredentials.FromEnvironment(Env.Of(("GIT_CONFIG_COUNT", "many"), ("GO_GIT_CRED__HTTPS__GITHUB__COM", "u:p")));

        Assert.Equal("1", credentials.EnvironmentVariables["GIT_CONFIG_COUNT"]);
        Assert.Contains(credentials.Warnings, w => w.StartsWith("GIT_CONFIG_COUNT is 'many'"));
    }

    [Fact]
    public void GOPRIVATE_and_GIT_TERMINAL_PROMPT_already_set_are_left_alone()
    {
        var credentials = GitCredentials.FromEnvironment(Env.Of(
            ("GOPRIVATE", "github.com/acme"),
            ("GIT_TERMINAL_PROMPT", "1"),
            ("GO_GIT_CRED__HTTPS__GITHUB__COM", "u:p")));

        Assert.False(credentials.EnvironmentVariables.ContainsKey("GOPRIVATE"));
        Assert.False(credentials.EnvironmentVariables.ContainsKey("GIT_TERMINAL_PROMPT"));
    }

    [Fact]
    public void Heroku_variable_wins_over_GIT_CREDENTIALS_for_the_same_host()
    {
        var credentials = GitCredentials.FromEnvironment(Env.Of(
            ("GIT_CREDENTIALS", "https://other:pass2@github.com"),
            ("GO_GIT_CRED__HTTPS__GITHUB__COM", "first:pass1")));

        Assert.Equal("GO_GIT_CRED__HTTPS__GITHUB__COM", credentials.Hosts.Single().Source);
        Assert.Equal("1", credentials.EnvironmentVariables["GIT_CONFIG_COUNT"]);
        var warning = Assert.Single(credentials.Warnings);
        Assert.Contains("GIT_CREDENTIALS entry 1 is ignored", warning);
        Assert.Equal("*** and ***", credentials.Mask("pass1 and pass2"));
    }

    [Theory]
    [InlineData("GO_GIT_CRED__HTTPS", "must be GO_GIT_CRED__<PROTOCOL>__<HOST>")]
    [InlineData("GO_GIT_CRED__HTTPS____COM", "must be GO_GIT_CRED__<PROTOCOL>__<HOST>")]
    [InlineData("GO_GIT_CRED__SSH__GITHUB__COM", "only HTTPS and HTTP")]
    public void Malformed_variable_names_warn_without_the_value(string name, string expected)
    {
        var credentials = GitCredentials.FromEnvironment(Env.Of((name, "user:TopSecret")));

        Assert.True(credentials.IsEmpty);
        var warning = Assert.Single(credentials.Warnings);
        Assert.Contains(expected, warning);
        Assert.DoesNotContain("TopSecret", warning);
    }

    [Theory]
    [InlineData("ftp://u:TopSecret@host", "must be an https:// URL")]
    [InlineData("TopSecret", "must be an https:// URL")]
    [InlineData("https://github.com/TopSecret", "no user:token@ part")]
    [InlineData("https://u:TopSecret@", "no host")]
    public void Malformed_urls_warn_without_the_value(string value, string expected)
    {
        var credentials = GitCredentials.FromEnvironment(Env.Of(("GIT_CREDENTIALS", value)));

        Assert.True(credentials.IsEmpty);
        var warning = Assert.Single(credentials.Warnings);
        Assert.Contains(expected, warning);
        Assert.DoesNotContain("TopSecret", warning);
        Assert.Equal("x *** y", credentials.Mask("x " + value + " y"));
    }

    [Fact]
    public void Ordinary_user_names_are_not_masked()
    {
        var credentials = GitCredentials.FromEnvironment(Env.Of(("GO_GIT_CRED__HTTPS__GITHUB__COM", "git:hunter2hunter2")));

        Assert.Equal("git ls-remote https://github.com/acme/x", credentials.Mask("git ls-remote https://github.com/acme/x"));
    }

    public static TheoryData<string> Passwords => new()
    {
        "hunter2hunter2",
        "p@ss:w/rd%",
        "with space+plus",
        "ünïcødé-пароль",
        "a'b\"c",
        "%41%2F",
        "Zq",
    };

    [Theory]
    [MemberData(nameof(Passwords))]
    public void No_secret_survives_Mask_in_any_form_emitted(string password)
    {
        var escaped = Uri.EscapeDataString(password);
        var environment = Env.Of(
            ("GO_GIT_CRED__HTTPS__GITHUB__COM", "octo-user:" + password),
            ("GO_GIT_CRED__HTTPS__GIT__CORP__EXAMPLE", "TokenOnly-" + escaped),
            ("GIT_CREDENTIALS", $"https://vercel-user:{escaped}@gitlab.com"));

        var credentials = GitCredentials.FromEnvironment(environment);
        Assert.Equal(3, credentials.Hosts.Count);

        string[] forms =
        {
            password,
            escaped,
            escaped.ToLowerInvariant(),
            "TokenOnly-" + escaped,
            Uri.EscapeDataString("TokenOnly-" + escaped),
            "octo-user:" + password,
            $"https://octo-user:{escaped}@github.com/",
            $"https://vercel-user:{escaped}@gitlab.com",
            Convert.ToBase64String(Encoding.UTF8.GetBytes("octo-user:" + password)),
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"TokenOnly-{escaped}:x-oauth-basic")),
        };
        var emitted = credentials.EnvironmentVariables.SelectMany(v => new[] { v.Value, $"{v.Key}={v.Value}" })
            .Concat(environment.Select(v => $"{v.Key}={v.Value}"))
            .Concat(credentials.Secrets)
            .Concat(forms);

        foreach (var text in emitted)
        {
            var masked = credentials.Mask("before " + text + " after");
            Assert.DoesNotContain(password, masked);
            Assert.DoesNotContain(escaped, masked);
            Assert.DoesNotContain("TokenOnly-", masked);
        }

        Assert.All(credentials.Warnings, w => Assert.DoesNotContain(password, w));
        Assert.All(credentials.Hosts, h => Assert.DoesNotContain(password, h.ToString()));
    }

    [Fact]
    public void Masking_a_whole_command_line()
    {
        var credentials = GitCredentials.FromEnvironment(Env.Of(("GO_GIT_CRED__HTTPS__GITHUB__COM", "me:p@ss")));

        var masked = credentials.Mask("GIT_CONFIG_KEY_0=url.https://me:p%40ss@github.com/.insteadOf go build");

        // The whole credential URL is a secret, so its host goes too; the value (the plain URL) still says which host it is.
        Assert.Equal("GIT_CONFIG_KEY_0=url.***.insteadOf go build", masked);
        Assert.Equal("*** and ***@github.com", credentials.Mask("p@ss and me:p%40ss@github.com"));
    }
}
