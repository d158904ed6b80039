namespace GoPack.Sdk.Containers;

/// <summary>The media types of the OCI image spec and their Docker (schema 2) equivalents.</summary>
public static class OciMediaTypes
{
    public const string OciManifest = "application/vnd.oci.image.manifest.v1+json";
    public const string OciIndex = "application/vnd.oci.image.index.v1+json";
    public const string OciConfig = "application/vnd.oci.image.config.v1+json";
    public const string OciLayerGzip = "application/vnd.oci.image.layer.v1.tar+gzip";
    public const string OciLayerTar = "application/vnd.oci.image.layer.v1.tar";

    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
    public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";
    public const string DockerConfig = "application/vnd.docker.container.image.v1+json";
    public const string DockerLayerGzip = "application/vnd.docker.image.rootfs.diff.tar.gzip";
    public const string DockerForeignLayerGzip = "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";

    public static bool IsIndex(string? mediaType) => mediaType == OciIndex || mediaType == DockerManifestList;

    public static bool IsManifest(string? mediaType) => mediaType == OciManifest || mediaType == DockerManifest;

    /// <summary>The Accept header for a manifest request: every kind GoPack reads.</summary>
    public static readonly string[] AcceptedManifests = { OciIndex, DockerManifestList, OciManifest, DockerManifest };

    /// <summary>A layer media type in the chosen format (the bytes are the same gzip'd tar either way).</summary>
    public static string Layer(ContainerImageFormat format, string? original = null)
    {
        var gzip = original is null || original.EndsWith("gzip", System.StringComparison.Ordinal);
        if (format == ContainerImageFormat.Docker)
        {
            return gzip ? DockerLayerGzip : original!;
        }

        return gzip ? OciLayerGzip : original == DockerLayerGzip ? OciLayerGzip : original!;
    }

    public static string Manifest(ContainerImageFormat format) => format == ContainerImageFormat.Docker ? DockerManifest : OciManifest;

    public static string Index(ContainerImageFormat format) => format == ContainerImageFormat.Docker ? DockerManifestList : OciIndex;

    public static string Config(ContainerImageFormat format) => format == ContainerImageFormat.Docker ? DockerConfig : OciConfig;
}

/// <summary>ContainerImageFormat: OCI (default) or Docker (schema 2), as the .NET SDK names them.</summary>
public enum ContainerImageFormat
{
    Oci,
    Docker,
}
