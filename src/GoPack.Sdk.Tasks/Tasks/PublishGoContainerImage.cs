using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using GoPack.Sdk.Containers;
using GoPack.Sdk.Containers.Registry;
using Microsoft.Build.Framework;

namespace GoPack.Sdk.Tasks;

/// <summary>
/// Sends the images BuildGoContainerImage wrote (one layout per platform) where the Container* properties say: a
/// registry (ContainerRegistry; several platforms get an image index), tarballs (ContainerArchiveOutputPath: one
/// image per tarball), or the local engine (LocalRegistry: docker/podman load). The last line names the image
/// reference and its digest.
/// </summary>
public sealed class PublishGoContainerImage : GoContainerTask
{
    /// <summary>The layouts BuildGoContainerImage wrote; metadata RuntimeIdentifier names the platform in file names.</summary>
    [Required] public ITaskItem[] Layouts { get; set; } = Array.Empty<ITaskItem>();

    [Required] public string Repository { get; set; } = "";
    public ITaskItem[]? Tags { get; set; }
    public string? Registry { get; set; }

    /// <summary>ContainerArchiveOutputPath: a file (.tar, .tar.gz) or a directory (ends with a slash or exists: &lt;repository&gt;.tar.gz in it).</summary>
    public string? ArchiveOutputPath { get; set; }

    public string? LocalRegistry { get; set; }
    public string? ImageFormat { get; set; }

    /// <summary>Where the index of a multi-platform image is stored.</summary>
    [Required] public string IndexDirectory { get; set; } = "";

    /// <summary>GoContainerUploadChunkSize: bytes; larger blobs are uploaded in chunks. 0: the default (16 MiB).</summary>
    public long ChunkSize { get; set; }

    public string? SourceDateEpoch { get; set; }

    /// <summary>$(MSBuildProjectName), for the `name -> reference` line.</summary>
    public string? ProjectName { get; set; }

    [Output] public string GeneratedContainerDigest { get; private set; } = "";
    [Output] public string GeneratedContainerMediaType { get; private set; } = "";
    [Output] public ITaskItem[] GeneratedArchiveOutputPaths { get; private set; } = Array.Empty<ITaskItem>();
    [Output] public ITaskItem[] GeneratedContainerNames { get; private set; } = Array.Empty<ITaskItem>();

    public override bool Execute()
    {
        try
        {
            return Run();
        }
        catch (Exception e) when (TryLogFailure(e))
        {
            return false;
        }
    }

    private bool Run()
    {
        var format = string.Equals(ImageFormat?.Trim(), "Docker", StringComparison.OrdinalIgnoreCase) ? ContainerImageFormat.Docker : ContainerImageFormat.Oci;
        var tags = Values(Tags).Distinct(StringComparer.Ordinal).ToList();
        if (tags.Count == 0)
        {
            tags.Add("latest");
        }

        var images = new List<(BuiltImage Image, string Rid)>();
        foreach (var item in Layouts)
        {
            images.Add((BuiltImages.Load(new OciLayout(item.ItemSpec)), item.GetMetadata("RuntimeIdentifier")));
        }

        Descriptor? index = null;
        var indexStore = new OciLayout(IndexDirectory);
        if (images.Count > 1)
        {
            index = ImageBuilder.BuildIndex(indexStore, images.Select(i => i.Image.Manifest).ToList(), format);
        }

        var digest = index?.Digest ?? images[0].Image.Digest;
        GeneratedContainerDigest = digest;
        GeneratedContainerMediaType = index?.MediaType ?? images[0].Image.Manifest.MediaType;
        var name = ProjectName ?? Repository;
        var created = long.TryParse(SourceDateEpoch, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : DateTimeOffset.FromUnixTimeSeconds(0);
        var names = new List<ITaskItem>();
        var lines = new List<string>();

        var registry = string.IsNullOrWhiteSpace(Registry) ? null : ContainerSettingsParser.StripScheme(Registry!);
        if (registry is not null)
        {
            using var client = new RegistryClient(registry, RegistryOptions(ChunkSize), Credentials(), ContainerLog);
            RegistryPusher.PushAsync(client, Repository, images.Select(i => i.Image).ToList(), indexStore, index, tags, ContainerLog, CancellationToken).GetAwaiter().GetResult();
            foreach (var tag in tags)
            {
                names.Add(new Microsoft.Build.Utilities.TaskItem($"{registry}/{Repository}:{tag}"));
            }

            lines.Add($"{name} -> {registry}/{Repository}:{string.Join(",", tags)}@{digest}");
        }

        var archives = new List<ITaskItem>();
        if (!string.IsNullOrWhiteSpace(ArchiveOutputPath))
        {
            foreach (var (image, rid) in images)
            {
                var path = ArchivePath(ArchiveOutputPath!, images.Count > 1 ? rid : null);
                ImageArchiveWriter.Write(image, Repository, tags, path, created, CancellationToken);
                archives.Add(new Microsoft.Build.Utilities.TaskItem(path, new Dictionary<string, string> { ["ManifestDigest"] = image.Digest, ["RuntimeIdentifier"] = rid }));
                lines.Add($"{name} -> {path} ({Repository}:{string.Join(",", tags)}{(images.Count > 1 ? " " + image.Manifest.Platform : "")}@{image.Digest})");
            }
        }

        if (!string.IsNullOrWhiteSpace(LocalRegistry))
        {
            var engine = LocalRegistry!.Trim().ToLowerInvariant();
            if (engine != "docker" && engine != "podman")
            {
                LogGoPackError(GoPackErrors.ContainerInvalidSetting, $"LocalRegistry '{LocalRegistry}' is not Docker or Podman.");
                return false;
            }

            // Several platforms: an engine runs one, so it gets the first image (the host's when listed first).
            var (image, _) = images[0];
            var temp = Path.Combine(IndexDirectory, "load-" + Guid.NewGuid().ToString("N") + ".tar");
            try
            {
                ImageArchiveWriter.Write(image, Repository, tags, temp, created, CancellationToken);
                if (!Load(engine, temp))
                {
                    return false;
                }
            }
            finally
            {
                File.Delete(temp);
            }

            lines.Add($"{name} -> {engine} {Repository}:{string.Join(",", tags)}@{image.Digest}");
        }

        GeneratedArchiveOutputPaths = archives.ToArray();
        GeneratedContainerNames = names.ToArray();
        foreach (var line in lines)
        {
            Log.LogMessage(MessageImportance.High, line);
        }

        return true;
    }

    /// <summary>
    /// The .NET SDK's rule: a directory (existing, or written with a trailing slash) gets &lt;repository&gt;.tar.gz ('/'
    /// in the repository becomes '-'); several platforms get one tarball each, -&lt;rid&gt; before the extension.
    /// </summary>
    private string ArchivePath(string setting, string? rid)
    {
        var path = setting.Trim();
        var isDirectory = path.EndsWith("/", StringComparison.Ordinal) || path.EndsWith("\\", StringComparison.Ordinal) || Directory.Exists(path);
        string file;
        if (isDirectory)
        {
            file = Path.Combine(path, Repository.Replace('/', '-') + (rid is null ? "" : "-" + rid) + ".tar.gz");
        }
        else
        {
            file = rid is null ? path : InsertSuffix(path, "-" + rid);
        }

        return Path.GetFullPath(file);
    }

    private static string InsertSuffix(string path, string suffix)
    {
        foreach (var extension in new[] { ".tar.gz", ".tgz", ".tar" })
        {
            if (path.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
            {
                return path.Substring(0, path.Length - extension.Length) + suffix + path.Substring(path.Length - extension.Length);
            }
        }

        return path + suffix;
    }

    private bool Load(string engine, string archive)
    {
        var start = new ProcessStartInfo(engine)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        start.Arguments = $"load -i \"{archive}\"";
        Process? process;
        try
        {
            process = Process.Start(start);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            LogGoPackError(GoPackErrors.ContainerLocalLoadFailed, $"LocalRegistry={engine}: '{engine}' can't be started ({e.Message}). Install it, or write a tarball with ContainerArchiveOutputPath instead.");
            return false;
        }

        using (process)
        {
            var stderr = process!.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            var output = (stdout + stderr.Result).Trim();
            if (process.ExitCode != 0)
            {
                LogGoPackError(GoPackErrors.ContainerLocalLoadFailed, $"`{engine} load` failed (exit code {process.ExitCode}): {output}");
                return false;
            }

            LogRedacted(MessageImportance.Normal, "{0} load: {1}", engine, output);
        }

        return true;
    }
}
