using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Text.Json.Nodes;

namespace GoPack.Sdk.Containers.Registry;

/// <summary>A user name and secret for one registry, and where they came from (for the log; the secret never is).</summary>
public sealed record RegistryCredential(string UserName, string Secret, string Source)
{
    /// <summary>An identity token (docker login with OAuth) is sent as the password of the user &lt;token&gt;.</summary>
    public bool IsIdentityToken => UserName == "<token>";

    public override string ToString() => $"credentials for {UserName} from {Source}";
}

/// <summary>
/// Finds credentials the way docker and podman do, without their CLIs: the .NET SDK's variables
/// (SDK_CONTAINER_REGISTRY_UNAME/PWD, then DOTNET_CONTAINER_REGISTRY_UNAME/PWD with a warning: MSBuild logs DOTNET_*), then docker's config.json
/// ($DOCKER_CONFIG/config.json or ~/.docker/config.json: credHelpers, auths, credsStore), then the containers
/// auth files podman writes ($REGISTRY_AUTH_FILE, $XDG_RUNTIME_DIR/containers/auth.json,
/// ~/.config/containers/auth.json). Credential helpers (docker-credential-&lt;name&gt; get) run with the host on
/// standard input. Nothing found: anonymous.
/// </summary>
public sealed class RegistryCredentials
{
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly string? _home;
    private readonly IContainerLog? _log;
    private readonly Func<string, string, string?>? _runHelper;
    private readonly Dictionary<string, RegistryCredential?> _cache = new Dictionary<string, RegistryCredential?>(StringComparer.OrdinalIgnoreCase);

    /// <param name="runHelper">For tests: (helper program, host) → its standard output; null runs the program.</param>
    public RegistryCredentials(IReadOnlyDictionary<string, string> environment, string? home, IContainerLog? log, Func<string, string, string?>? runHelper = null)
    {
        _environment = environment;
        _home = home;
        _log = log;
        _runHelper = runHelper;
    }

    /// <summary>Credentials for <paramref name="registry"/> (a host[:port] as written in the image name), or null.</summary>
    public RegistryCredential? For(string registry)
    {
        lock (_cache)
        {
            if (!_cache.TryGetValue(registry, out var found))
            {
                found = Find(registry);
                _cache[registry] = found;
                _log?.Detail(found is null ? $"No credentials for {registry}: anonymous." : $"Using {found} for {registry}.");
            }

            return found;
        }
    }

    private RegistryCredential? Find(string registry)
    {
        foreach (var prefix in new[] { "SDK_CONTAINER_REGISTRY", "DOTNET_CONTAINER_REGISTRY" })
        {
            if (Get(prefix + "_UNAME") is { } user && Get(prefix + "_PWD") is { } password)
            {
                if (prefix == "DOTNET_CONTAINER_REGISTRY")
                {
                    // MSBuild records every DOTNET_* (and MSBUILD*, COMPLUS_*) variable in binary logs and -v:diag output.
                    _log?.Warning(GoPackErrors.ContainerCredentialWarning,
                        "DOTNET_CONTAINER_REGISTRY_PWD is used, but MSBuild writes every DOTNET_* environment variable into binary logs (-bl) and -v:diag output, so the password is there. Use SDK_CONTAINER_REGISTRY_UNAME/SDK_CONTAINER_REGISTRY_PWD (not recorded) or docker login instead.");
                }

                return new RegistryCredential(user, password, $"the {prefix}_UNAME/_PWD environment variables");
            }
        }

        foreach (var file in ConfigFiles())
        {
            var credential = FromConfigFile(file, registry);
            if (credential is not null)
            {
                return credential;
            }
        }

        return null;
    }

    private IEnumerable<string> ConfigFiles()
    {
        var dockerConfig = Get("DOCKER_CONFIG");
        if (dockerConfig is not null)
        {
            yield return Path.Combine(dockerConfig, "config.json");
        }
        else if (_home is not null)
        {
            yield return Path.Combine(_home, ".docker", "config.json");
        }

        if (Get("REGISTRY_AUTH_FILE") is { } authFile)
        {
            yield return authFile;
        }

        if (Get("XDG_RUNTIME_DIR") is { } runtime)
        {
            yield return Path.Combine(runtime, "containers", "auth.json");
        }

        if (_home is not null)
        {
            yield return Path.Combine(_home, ".config", "containers", "auth.json");
        }
    }

    private RegistryCredential? FromConfigFile(string file, string registry)
    {
        if (!File.Exists(file))
        {
            return null;
        }

        JsonObject config;
        try
        {
            config = OciJson.ParseObject(File.ReadAllBytes(file), file);
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is FormatException)
        {
            _log?.Warning(GoPackErrors.ContainerCredentialWarning, $"{file} can't be read ({e.Message}); its credentials are not used.");
            return null;
        }

        var keys = KeysFor(registry);
        if (config["credHelpers"] is JsonObject helpers)
        {
            foreach (var key in keys)
            {
                if (helpers[key] is JsonValue helper && helper.TryGetValue<string>(out var name) && name.Length > 0)
                {
                    return FromHelper(name, registry, file);
                }
            }
        }

        if (config["auths"] is JsonObject auths)
        {
            foreach (var key in keys)
            {
                if (auths[key] is JsonObject entry)
                {
                    var credential = FromAuthEntry(entry, $"{file} (auths \"{key}\")");
                    if (credential is not null)
                    {
                        return credential;
                    }
                }
            }
        }

        if (config["credsStore"] is JsonValue store && store.TryGetValue<string>(out var storeName) && storeName.Length > 0)
        {
            return FromHelper(storeName, registry, file);
        }

        return null;
    }

    /// <summary>The keys docker writes for a registry: the host, with a scheme, and Docker Hub's legacy URL.</summary>
    private static IEnumerable<string> KeysFor(string registry)
    {
        yield return registry;
        yield return "https://" + registry;
        yield return "http://" + registry;
        yield return "https://" + registry + "/v1/";
        yield return "https://" + registry + "/v2/";
        if (registry == ImageReference.DockerHub)
        {
            yield return "https://index.docker.io/v1/";
            yield return "index.docker.io";
            yield return "registry-1.docker.io";
        }
    }

    private static RegistryCredential? FromAuthEntry(JsonObject entry, string source)
    {
        if (OciJson.String(entry, "identitytoken") is { Length: > 0 } token)
        {
            return new RegistryCredential("<token>", token, source);
        }

        if (OciJson.String(entry, "auth") is { Length: > 0 } auth)
        {
            string decoded;
            try
            {
                decoded = Encoding.UTF8.GetString(Convert.FromBase64String(auth));
            }
            catch (FormatException)
            {
                return null;
            }

            var colon = decoded.IndexOf(':');
            return colon <= 0 ? null : new RegistryCredential(decoded.Substring(0, colon), decoded.Substring(colon + 1), source);
        }

        if (OciJson.String(entry, "username") is { Length: > 0 } user && OciJson.String(entry, "password") is { } password)
        {
            return new RegistryCredential(user, password, source);
        }

        return null;
    }

    private RegistryCredential? FromHelper(string helper, string registry, string configFile)
    {
        var program = "docker-credential-" + helper;
        string? output;
        try
        {
            output = _runHelper is not null ? _runHelper(program, registry) : RunHelper(program, registry);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception || e is IOException || e is InvalidOperationException)
        {
            _log?.Warning(GoPackErrors.ContainerCredentialWarning, $"The credential helper {program} named in {configFile} can't be run ({e.Message}); going on without credentials for {registry}. Install it, or run docker login again.");
            return null;
        }

        if (string.IsNullOrWhiteSpace(output))
        {
            return null;
        }

        try
        {
            var answer = OciJson.ParseObject(Encoding.UTF8.GetBytes(output), program);
            var user = OciJson.String(answer, "Username");
            var secret = OciJson.String(answer, "Secret");
            return user is null || secret is null ? null : new RegistryCredential(user, secret, $"{program} (named in {configFile})");
        }
        catch (FormatException)
        {
            _log?.Warning(GoPackErrors.ContainerCredentialWarning, $"The credential helper {program} gave an answer that isn't JSON; going on without credentials for {registry}.");
            return null;
        }
    }

    /// <summary>
    /// `docker-credential-x get` with the host on stdin. Exit code non-zero means "no credentials" (the helpers'
    /// protocol answers "credentials not found in native keychain"); its output is never logged: it may hold secrets.
    /// </summary>
    private static string? RunHelper(string program, string registry)
    {
        var start = new ProcessStartInfo(program, "get")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("it did not start");
        process.StandardInput.Write(registry);
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(60000))
        {
            try { process.Kill(); } catch (InvalidOperationException) { }
            throw new InvalidOperationException("it did not answer within 60 s");
        }

        _ = stderr.Result;
        return process.ExitCode == 0 ? output : null;
    }

    private string? Get(string name) => _environment.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;
}
