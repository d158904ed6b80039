using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using GoPack.Sdk.Containers;
using GoPack.Sdk.Containers.Registry;
using Microsoft.Build.Framework;

namespace GoPack.Sdk.Tasks;

/// <summary>What the two container tasks share: cancellation, the log bridge, registry clients, the insecure list.</summary>
public abstract class GoContainerTask : GoPackTask, ICancelableTask
{
    private readonly CancellationTokenSource _cancellation = new CancellationTokenSource();

    /// <summary>ContainerInsecureRegistries: registries that may be spoken to over plain HTTP (';' or ',' separated).</summary>
    public string? InsecureRegistries { get; set; }

    public void Cancel() => _cancellation.Cancel();

    protected CancellationToken CancellationToken => _cancellation.Token;

    protected IContainerLog ContainerLog => new LogBridge(this);

    protected RegistryClientOptions RegistryOptions(long chunkSize = 0)
    {
        // DOTNET_CONTAINER_INSECURE_REGISTRIES is the .NET SDK's variable for the same list.
        var insecure = (InsecureRegistries ?? "") + ";" + (Environment.GetEnvironmentVariable("DOTNET_CONTAINER_INSECURE_REGISTRIES") ?? "");
        var options = new RegistryClientOptions
        {
            InsecureRegistries = insecure.Split(new[] { ';', ',' }, StringSplitOptions.RemoveEmptyEntries).Select(r => r.Trim()).Where(r => r.Length > 0).ToList(),
        };
        return chunkSize > 0 ? options with { ChunkSize = chunkSize } : options;
    }

    protected RegistryCredentials Credentials() =>
        new RegistryCredentials(TaskEnvironment.Snapshot(), Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ContainerLog);

    /// <summary>Logs a failure of the container classes with its code; false when <paramref name="e"/> isn't one of theirs.</summary>
    protected bool TryLogFailure(Exception e)
    {
        switch (e)
        {
            case RegistryException registry:
                LogGoPackError(registry.Code, registry.Message);
                return true;
            case OperationCanceledException when CancellationToken.IsCancellationRequested:
                Log.LogMessage(MessageImportance.High, "Canceled.");
                return true;
            case ArgumentException argument:
                // Two files for one path in a layer (a GoContainerSbomFile named like publish's own SBOM, say).
                LogGoPackError(GoPackErrors.ContainerInvalidSetting, argument.Message + " Give each file that goes into the image its own name.");
                return true;
            case IOException or UnauthorizedAccessException:
                LogGoPackError(GoPackErrors.ContainerWriteFailed, e.Message);
                return true;
            default:
                return false;
        }
    }

    protected static IReadOnlyList<string> Values(ITaskItem[]? items) =>
        (items ?? Array.Empty<ITaskItem>()).Select(i => i.ItemSpec).Where(s => s.Length > 0).ToList();

    protected static IReadOnlyList<KeyValuePair<string, string>> Pairs(ITaskItem[]? items, string metadata) =>
        (items ?? Array.Empty<ITaskItem>()).Select(i => new KeyValuePair<string, string>(i.ItemSpec, i.GetMetadata(metadata))).ToList();

    private sealed class LogBridge : IContainerLog
    {
        private readonly GoContainerTask _task;

        public LogBridge(GoContainerTask task)
        {
            _task = task;
        }

        public void Report(string message) => _task.LogRedacted(MessageImportance.Normal, message);

        public void Detail(string message) => _task.LogRedacted(MessageImportance.Low, message);

        public void Warning(string code, string message) => _task.LogGoPackWarning(code, message);
    }
}
