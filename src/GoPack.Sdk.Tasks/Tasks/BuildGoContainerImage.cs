using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using GoPack.Sdk.Containers;
using GoPack.Sdk.Containers.Registry;
using Microsoft.Build.Framework;

namespace GoPack.Sdk.Tasks;

/// <summary>
/// Builds one platform's image into an OCI layout directory (obj/): the base (GoPack's default, scratch, a local
/// layout or archive, or a registry image pulled into the cache), the kodata layer, the SBOM, and the binaries at
/// /ko-app/. Checks every Container* setting first, and that the binaries are Linux binaries for the image's platform.
/// </summary>
public sealed class BuildGoContainerImage : GoContainerTask
{
    /// <summary>The binaries to ship (@(GoMainPackage) outputs): metadata BinaryName; the first is the entrypoint.</summary>
    [Required] public ITaskItem[] Binaries { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>ko's kodata/ folder: its files go to /var/run/ko (KO_DATA_PATH). Missing: nothing.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>SBOM files (CycloneDX JSON) put into the image at /var/lib/sbom/.</summary>
    public ITaskItem[]? SbomFiles { get; set; }

    /// <summary>ContainerRuntimeIdentifier / RuntimeIdentifier; empty: the binary's own platform.</summary>
    public string? RuntimeIdentifier { get; set; }

    public string? BaseImage { get; set; }
    public string? Family { get; set; }

    /// <summary>The package's containers/ folder with the default base's files.</summary>
    [Required] public string BaseFilesDirectory { get; set; } = "";

    /// <summary>Where pulled base images are kept by digest (GoContainerCache, ~/.gopack/containers).</summary>
    [Required] public string CacheDirectory { get; set; } = "";

    [Required] public string Repository { get; set; } = "";
    public bool RepositoryIsDefault { get; set; }
    public ITaskItem[]? Tags { get; set; }
    public string? Registry { get; set; }
    public string? User { get; set; }
    public string? WorkingDirectory { get; set; }
    public ITaskItem[]? Entrypoint { get; set; }
    public ITaskItem[]? EntrypointArgs { get; set; }
    public ITaskItem[]? AppCommand { get; set; }
    public ITaskItem[]? AppCommandArgs { get; set; }
    public string? AppCommandInstruction { get; set; }
    public ITaskItem[]? DefaultArgs { get; set; }

    /// <summary>ContainerPort items: metadata Type (tcp, udp).</summary>
    public ITaskItem[]? Ports { get; set; }

    /// <summary>ContainerEnvironmentVariable items: metadata Value.</summary>
    public ITaskItem[]? EnvironmentVariables { get; set; }

    /// <summary>ContainerLabel items: metadata Value.</summary>
    public ITaskItem[]? Labels { get; set; }

    /// <summary>Adds org.opencontainers.image.created (the image's time) unless a label sets it.</summary>
    public bool GenerateCreatedLabel { get; set; } = true;

    public string? ImageFormat { get; set; }
    public string? LocalRegistry { get; set; }

    /// <summary>Seconds since 1970 for created and every file's time: SOURCE_DATE_EPOCH or the commit's time; empty: 0.</summary>
    public string? SourceDateEpoch { get; set; }

    /// <summary>The OCI layout directory to write (replaced).</summary>
    [Required] public string OutputDirectory { get; set; } = "";

    [Output] public string ManifestDigest { get; private set; } = "";
    [Output] public string ManifestMediaType { get; private set; } = "";
    [Output] public string ConfigDigest { get; private set; } = "";
    [Output] public string ImagePlatformName { get; private set; } = "";

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
        if (Binaries.Length == 0)
        {
            LogGoPackError(GoPackErrors.ContainerNothingToContainerize, "The project has no binary to put in a container image (a library: no main package). Set GoMainPackage, or don't publish a container for it.");
            return false;
        }

        var errors = new List<ContainerSettingsError>();
        var settings = ContainerSettingsParser.Parse(new ContainerSettingsInput
        {
            Repository = Repository,
            RepositoryIsDefault = RepositoryIsDefault,
            Tags = Values(Tags),
            Registry = Registry,
            User = User,
            WorkingDirectory = WorkingDirectory,
            Entrypoint = Values(Entrypoint),
            EntrypointArgs = Values(EntrypointArgs),
            AppCommand = Values(AppCommand),
            AppCommandArgs = Values(AppCommandArgs),
            AppCommandInstruction = AppCommandInstruction,
            DefaultArgs = Values(DefaultArgs),
            Ports = (Ports ?? Array.Empty<ITaskItem>()).Select(i => new KeyValuePair<string, string?>(i.ItemSpec, i.GetMetadata("Type"))).ToList(),
            EnvironmentVariables = Pairs(EnvironmentVariables, "Value"),
            Labels = Pairs(Labels, "Value"),
            ImageFormat = ImageFormat,
            Family = Family,
            LocalRegistry = LocalRegistry,
            BinaryNames = Binaries.Select(BinaryName).ToList(),
        }, errors);
        foreach (var error in errors)
        {
            LogGoPackError(error.Code, error.Message);
        }

        if (settings is null || !TryGetCreated(out var created))
        {
            return false;
        }

        var platform = ResolvePlatform();
        if (platform is null)
        {
            return false;
        }

        BaseImage? baseImage = null;
        var cache = new OciLayout(CacheDirectory);
        if (!string.IsNullOrWhiteSpace(BaseImage))
        {
            var options = RegistryOptions();
            var credentials = Credentials();
            var clients = new List<RegistryClient>();
            try
            {
                var resolver = new BaseImageResolver(cache, registry =>
                {
                    var client = new RegistryClient(registry, options, credentials, ContainerLog);
                    clients.Add(client);
                    return client;
                });
                baseImage = resolver.ResolveAsync(BaseImage!, platform, CancellationToken).GetAwaiter().GetResult();
            }
            finally
            {
                clients.ForEach(c => c.Dispose());
            }

            LogRedacted(MessageImportance.Normal, "Base image {0} ({1}, {2} layers)", BaseImage!.Trim(), baseImage.ManifestDigest, baseImage.Manifest.Layers.Count);
        }

        var layers = new List<LayerSpec>();
        if (baseImage is null && settings.Family == ContainerFamily.Static)
        {
            try
            {
                layers.Add(DefaultBase.Layer(BaseFilesDirectory));
            }
            catch (FileNotFoundException e)
            {
                LogGoPackError(GoPackErrors.ContainerNothingToContainerize, e.Message);
                return false;
            }
        }

        var data = string.IsNullOrWhiteSpace(DataDirectory) ? null : KoData.Layer(DataDirectory!);
        if (data is not null)
        {
            layers.Add(data);
        }

        var sbom = (SbomFiles ?? Array.Empty<ITaskItem>()).Where(i => File.Exists(i.ItemSpec)).ToList();
        if (sbom.Count > 0)
        {
            layers.Add(new LayerSpec(sbom.Select(i => LayerEntry.FromFile("var/lib/sbom/" + Path.GetFileName(i.ItemSpec), i.ItemSpec)).ToList(), "GoPack.Sdk: SBOM", "CycloneDX SBOM of the binaries"));
        }

        layers.Add(new LayerSpec(
            Binaries.Select(b => LayerEntry.FromFile(ContainerSettings.AppDirectory.TrimStart('/') + "/" + BinaryName(b), b.ItemSpec, LayerEntry.ExecutableMode)).ToList(),
            "GoPack.Sdk: " + string.Join(", ", Binaries.Select(b => ContainerSettings.AppDirectory + "/" + BinaryName(b)))));

        var labels = settings.Config.Labels.ToList();
        if (GenerateCreatedLabel && !labels.Any(l => l.Key == "org.opencontainers.image.created"))
        {
            labels.Add(new KeyValuePair<string, string>("org.opencontainers.image.created", ImageConfigBuilder.FormatTime(created)));
        }

        var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
        if (baseImage?.ManifestDigest is not null)
        {
            annotations["org.opencontainers.image.base.digest"] = baseImage.ManifestDigest;
            annotations["org.opencontainers.image.base.name"] = BaseImage!.Trim();
        }

        // Replaced as a whole: blobs of an earlier build must not linger in a layout that names one image.
        var output = Path.GetFullPath(OutputDirectory);
        if (Directory.Exists(output))
        {
            Directory.Delete(output, recursive: true);
        }

        var layout = new OciLayout(output);
        var image = ImageBuilder.Build(new ImageBuildRequest
        {
            Output = layout,
            Base = baseImage,
            Layers = layers,
            Format = settings.Format,
            Config = settings.Config with { Platform = platform, Created = created, Labels = labels },
            ManifestAnnotations = annotations,
        }, CancellationToken);
        layout.WriteIndex(new[] { image.Manifest });

        ManifestDigest = image.Digest;
        ManifestMediaType = image.Manifest.MediaType;
        ConfigDigest = image.Content.Config.Digest;
        ImagePlatformName = platform.ToString();
        LogRedacted(MessageImportance.Normal, "Built the {0} image {1} in {2}", platform, image.Digest, output);
        return true;
    }

    private bool TryGetCreated(out DateTimeOffset created)
    {
        created = DateTimeOffset.FromUnixTimeSeconds(0);
        var text = SourceDateEpoch?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > 253402300799)
        {
            LogGoPackError(GoPackErrors.ContainerInvalidSetting, $"SOURCE_DATE_EPOCH '{text}' is not a number of seconds since 1970-01-01.");
            return false;
        }

        created = DateTimeOffset.FromUnixTimeSeconds(seconds);
        return true;
    }

    /// <summary>The RID's platform, which the binaries must match; without a RID, the first binary's.</summary>
    private ImagePlatform? ResolvePlatform()
    {
        ImagePlatform? wanted = null;
        var rid = RuntimeIdentifier?.Trim();
        if (!string.IsNullOrEmpty(rid))
        {
            wanted = ImagePlatform.FromRuntimeIdentifier(rid);
            if (wanted is null)
            {
                LogGoPackError(GoPackErrors.ContainerUnsupportedPlatform,
                    $"Container images hold Linux binaries, and '{rid}' is not a Linux runtime identifier GoPack can put in an image. Publish the container with -r linux-x64, linux-arm64, linux-arm, linux-x86, linux-riscv64, linux-s390x, linux-ppc64le or linux-loongarch64 (or set ContainerRuntimeIdentifier).");
                return null;
            }
        }

        foreach (var binary in Binaries)
        {
            var actual = ElfPlatform.Read(binary.ItemSpec, out var description);
            if (actual is null || (wanted is not null && !wanted.Matches(actual)))
            {
                LogGoPackError(GoPackErrors.ContainerUnsupportedPlatform,
                    $"{binary.ItemSpec} is {description}, but the image is for {(wanted?.ToString() ?? "Linux")}. Build the binary for the image's platform: publish with -r {(string.IsNullOrEmpty(rid) ? "linux-x64 (or another linux-* runtime identifier)" : rid)}.");
                return null;
            }

            wanted ??= actual;
        }

        return wanted;
    }

    private static string BinaryName(ITaskItem item)
    {
        var name = item.GetMetadata("BinaryName");
        return name.Length > 0 ? name : Path.GetFileName(item.ItemSpec);
    }
}
