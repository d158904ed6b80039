using System;

namespace GoPack.Sdk.Containers.Registry;

/// <summary>A registry operation failed; <see cref="Code"/> is the GOPACK code to report, the message says what to do.</summary>
public sealed class RegistryException : Exception
{
    public RegistryException(string code, string message, Exception? inner = null)
        : base(message, inner)
    {
        Code = code;
    }

    public string Code { get; }
}

/// <summary>Where the registry classes send lines for the build log (the task forwards them), so they stay free of MSBuild types.</summary>
public interface IContainerLog
{
    /// <summary>Normal verbosity: progress of large transfers, what was pushed.</summary>
    void Report(string message);

    /// <summary>Detailed verbosity: each request's outcome, where credentials came from (never the credentials).</summary>
    void Detail(string message);

    void Warning(string code, string message);
}
