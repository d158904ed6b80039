using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using GoPack.Sdk.Common;

namespace GoPack.Sdk.Project;

/// <summary>A host git may authenticate to. Deliberately holds no secret, so logging it is safe.</summary>
/// <param name="Protocol">"https" or "http".</param>
/// <param name="Host">Lower-case host, with a port if one was given.</param>
/// <param name="Source">The environment variable it came from, e.g. GO_GIT_CRED__HTTPS__GITHUB__COM or GIT_CREDENTIALS.</param>
public sealed record GitCredentialHost(string Protocol, string Host, string Source);

/// <summary>
/// Credentials for private Go modules, from the platforms' variables, handed to git through the go process's
/// environment only: nothing is written to a file.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>GO_GIT_CRED__&lt;PROTOCOL&gt;__&lt;HOST&gt;</c> (Heroku, Scalingo): every "__" in the host is a dot, as the
/// docs say (Heroku's code replaces only the first). The value is <c>user:password</c>, or a token, which is then the
/// user name with the password <c>x-oauth-basic</c>, as Scalingo documents.</item>
/// <item><c>GIT_CREDENTIALS</c> (Vercel): <c>https://user:token@host</c> URLs, several separated by newlines, commas or
/// spaces, percent-encoded as in git's credential store. As there, a credential applies to the whole host: a path
/// in the URL is ignored.</item>
/// <item>When both name the same host, GO_GIT_CRED__ wins: it is the more specific, one-host setting.</item>
/// <item>git gets <c>url.&lt;proto&gt;://user:pass@host/.insteadOf=&lt;proto&gt;://host/</c> entries through
/// GIT_CONFIG_COUNT/GIT_CONFIG_KEY_n/GIT_CONFIG_VALUE_n, appended after any the environment already has, and
/// GIT_TERMINAL_PROMPT=0 so a wrong credential fails instead of waiting for input.</item>
/// <item>GOPRIVATE is set to the hosts so go fetches them directly rather than from the public proxy and checksum
/// database, but only when GOPRIVATE is not set already: a user who set it chose which modules skip the proxy, and
/// adding a whole host (e.g. github.com) would send every public module on it around the proxy and checksum database.
/// GOPRIVATE set by `go env -w` is not in the environment; a caller that wants to respect it must add it to the
/// environment it passes in.</item>
/// </list>
/// </remarks>
public sealed class GitCredentials
{
    public const string MaskText = "***";

    private const string CredentialPrefix = "GO_GIT_CRED__";

    // The password a token-as-user-name credential carries; it is public knowledge, so it is not a secret.
    private const string TokenPassword = "x-oauth-basic";

    private readonly string[] _secretsLongestFirst;

    private GitCredentials(IReadOnlyList<GitCredentialHost> hosts, IReadOnlyDictionary<string, string> environment, IReadOnlyList<string> secrets, IReadOnlyList<string> warnings)
    {
        Hosts = hosts;
        EnvironmentVariables = environment;
        Secrets = secrets;
        Warnings = warnings;
        _secretsLongestFirst = secrets.OrderByDescending(s => s.Length).ThenBy(s => s, StringComparer.Ordinal).ToArray();
    }

    public IReadOnlyList<GitCredentialHost> Hosts { get; }

    /// <summary>Variables to set on the go process (and only there); empty when there are no credentials.</summary>
    public IReadOnlyDictionary<string, string> EnvironmentVariables { get; }

    /// <summary>Every form of every secret that can appear in output: what a logger must mask.</summary>
    public IReadOnlyList<string> Secrets { get; }

    /// <summary>Problems with the variables, never quoting their values.</summary>
    public IReadOnlyList<string> Warnings { get; }

    public bool IsEmpty => Hosts.Count == 0;

    public static GitCredentials FromEnvironment(IReadOnlyDictionary<string, string>? environment)
    {
        var warnings = new List<string>();
        var secrets = new HashSet<string>(StringComparer.Ordinal);
        var entries = new List<Entry>();

        if (environment is not null)
        {
            // Sorted so the git config indexes do not depend on the dictionary's order.
            foreach (var variable in environment
                .Where(v => v.Key.StartsWith(CredentialPrefix, StringComparison.OrdinalIgnoreCase))
                .OrderBy(v => v.Key, StringComparer.Ordinal))
            {
                if (string.IsNullOrWhiteSpace(variable.Value))
                {
                    continue;
                }

                var entry = FromCredentialVariable(variable.Key, variable.Value, warnings);
                if (entry is not null)
                {
                    secrets.Add(variable.Value);
                    entries.Add(entry);
                }
            }

            if (environment.TryGetValue("GIT_CREDENTIALS", out var list) && !string.IsNullOrWhiteSpace(list))
            {
                secrets.Add(list.Trim());
                var items = list.Split(new[] { '\n', '\r', ',', ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
                for (var i = 0; i < items.Length; i++)
                {
                    secrets.Add(items[i]);
                    var entry = FromUrl(items[i], i + 1, warnings, secrets);
                    if (entry is not null)
                    {
                        entries.Add(entry);
                    }
                }
            }
        }

        var unique = new List<Entry>();
        foreach (var entry in entries)
        {
            // Secrets of a duplicate stay masked even though git does not get them.
            AddSecrets(entry, secrets);
            var first = unique.FirstOrDefault(u => u.Protocol == entry.Protocol && u.Host == entry.Host);
            if (first is null)
            {
                unique.Add(entry);
            }
            else
            {
                warnings.Add($"{entry.Source} is ignored for {entry.Protocol}://{entry.Host}: {first.Source} already gives a credential for it.");
            }
        }

        var variables = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (unique.Count > 0)
        {
            var start = 0;
            var count = Settings.Get(environment, "GIT_CONFIG_COUNT");
            if (count is not null && !int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out start))
            {
                warnings.Add($"GIT_CONFIG_COUNT is '{count}', not a number; GoPack replaces it, so the GIT_CONFIG_KEY_n entries it counted are not used.");
                start = 0;
            }

            for (var i = 0; i < unique.Count; i++)
            {
                var entry = unique[i];
                var index = (start + i).ToString(CultureInfo.InvariantCulture);
                var authenticated = $"{entry.Protocol}://{Escape(entry.User)}:{Escape(entry.Password)}@{entry.Host}/";
                secrets.Add(authenticated);
                variables["GIT_CONFIG_KEY_" + index] = $"url.{authenticated}.insteadOf";
                variables["GIT_CONFIG_VALUE_" + index] = $"{entry.Protocol}://{entry.Host}/";
            }

            variables["GIT_CONFIG_COUNT"] = (start + unique.Count).ToString(CultureInfo.InvariantCulture);
            if (Settings.Get(environment, "GIT_TERMINAL_PROMPT") is null)
            {
                variables["GIT_TERMINAL_PROMPT"] = "0";
            }

            if (Settings.Get(environment, "GOPRIVATE") is null)
            {
                variables["GOPRIVATE"] = string.Join(",", unique.Select(e => HostWithoutPort(e.Host)).Distinct(StringComparer.Ordinal));
            }
        }

        secrets.Remove("");
        secrets.Remove(TokenPassword);
        return new GitCredentials(
            unique.Select(e => new GitCredentialHost(e.Protocol, e.Host, e.Source)).ToList(),
            variables,
            secrets.OrderBy(s => s, StringComparer.Ordinal).ToList(),
            warnings);
    }

    /// <summary>The text with every secret replaced by <see cref="MaskText"/>.</summary>
    public string Mask(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        foreach (var secret in _secretsLongestFirst)
        {
            if (text.IndexOf(secret, StringComparison.Ordinal) >= 0)
            {
                text = text.Replace(secret, MaskText);
            }
        }

        return text;
    }

    private static Entry? FromCredentialVariable(string name, string value, List<string> warnings)
    {
        var parts = name.Substring(CredentialPrefix.Length).Split(new[] { "__" }, StringSplitOptions.None);
        if (parts.Length < 2 || parts.Any(p => p.Length == 0))
        {
            warnings.Add($"{name} is ignored: the name must be GO_GIT_CRED__<PROTOCOL>__<HOST>, with each dot of the host written as __ (GO_GIT_CRED__HTTPS__GITHUB__COM).");
            return null;
        }

        var protocol = parts[0].ToLowerInvariant();
        if (protocol != "https" && protocol != "http")
        {
            warnings.Add($"{name} is ignored: only HTTPS and HTTP credentials can be handed to git this way (use an SSH agent for SSH).");
            return null;
        }

        var host = string.Join(".", parts, 1, parts.Length - 1).ToLowerInvariant();
        var colon = value.IndexOf(':');
        return colon >= 0
            ? new Entry(protocol, host, value.Substring(0, colon), value.Substring(colon + 1), name)
            : new Entry(protocol, host, value, TokenPassword, name);
    }

    private static Entry? FromUrl(string item, int position, List<string> warnings, HashSet<string> secrets)
    {
        var source = $"GIT_CREDENTIALS entry {position}";
        var scheme = item.IndexOf("://", StringComparison.Ordinal);
        var protocol = scheme > 0 ? item.Substring(0, scheme).ToLowerInvariant() : "";
        if (protocol != "https" && protocol != "http")
        {
            warnings.Add($"{source} is ignored: it must be an https:// URL with credentials, such as https://user:token@github.com.");
            return null;
        }

        var rest = item.Substring(scheme + 3);
        var slash = rest.IndexOf('/');
        var authority = slash >= 0 ? rest.Substring(0, slash) : rest;
        var at = authority.LastIndexOf('@');
        if (at < 0)
        {
            warnings.Add($"{source} is ignored: it has no user:token@ part.");
            return null;
        }

        var userInfo = authority.Substring(0, at);
        var host = authority.Substring(at + 1).ToLowerInvariant();
        if (host.Length == 0)
        {
            warnings.Add($"{source} is ignored: it has no host.");
            return null;
        }

        secrets.Add(userInfo);
        var colon = userInfo.IndexOf(':');
        var user = Unescape(colon >= 0 ? userInfo.Substring(0, colon) : userInfo);
        var password = colon >= 0 ? userInfo.Substring(colon + 1) : null;
        if (password is not null)
        {
            // The encoded form as written, in case a tool echoes the URL back unchanged.
            secrets.Add(password);
        }

        return new Entry(protocol, host, user, password is null ? TokenPassword : Unescape(password), source);
    }

    private static void AddSecrets(Entry entry, HashSet<string> secrets)
    {
        // A user name is only secret when it is the token; masking ordinary names such as "git" would garble the log.
        var tokenIsUser = entry.Password == TokenPassword || entry.Password.Length == 0;
        var values = new List<string> { entry.Password, $"{entry.User}:{entry.Password}" };
        if (tokenIsUser)
        {
            values.Add(entry.User);
        }

        foreach (var value in values)
        {
            AddForms(value, secrets);
        }

        // What git sends in an HTTP Basic header, visible in GIT_TRACE_CURL output.
        secrets.Add(Convert.ToBase64String(Encoding.UTF8.GetBytes($"{entry.User}:{entry.Password}")));
        secrets.Add($"{Escape(entry.User)}:{Escape(entry.Password)}");
    }

    private static void AddForms(string value, HashSet<string> secrets)
    {
        if (value.Length == 0 || value == TokenPassword || value == ":" + TokenPassword)
        {
            return;
        }

        secrets.Add(value);
        var escaped = Escape(value);
        secrets.Add(escaped);
        secrets.Add(LowerHex(escaped));
    }

    /// <summary>Percent-encodes everything but unreserved characters, so ':' '@' '/' in a credential keep the URL intact.</summary>
    private static string Escape(string value) => Uri.EscapeDataString(value);

    private static string Unescape(string value)
    {
        try
        {
            return Uri.UnescapeDataString(value);
        }
        catch (UriFormatException)
        {
            return value;
        }
    }

    private static string LowerHex(string escaped)
    {
        var builder = new StringBuilder(escaped.Length);
        for (var i = 0; i < escaped.Length; i++)
        {
            builder.Append(escaped[i]);
            if (escaped[i] == '%' && i + 2 < escaped.Length)
            {
                builder.Append(char.ToLowerInvariant(escaped[i + 1])).Append(char.ToLowerInvariant(escaped[i + 2]));
                i += 2;
            }
        }

        return builder.ToString();
    }

    // GOPRIVATE holds module path prefixes, which never carry a port.
    private static string HostWithoutPort(string host)
    {
        var colon = host.LastIndexOf(':');
        return colon > 0 && host.Substring(colon + 1).All(char.IsDigit) ? host.Substring(0, colon) : host;
    }

    private sealed class Entry
    {
        public Entry(string protocol, string host, string user, string password, string source)
        {
            Protocol = protocol;
            Host = host;
            User = user;
            Password = password;
            Source = source;
        }

        public string Protocol { get; }

        public string Host { get; }

        public string User { get; }

        public string Password { get; }

        public string Source { get; }
    }
}
