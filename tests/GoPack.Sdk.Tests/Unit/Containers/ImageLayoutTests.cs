using System.Formats.Tar;
using System.Text.Json.Nodes;
using GoPack.Sdk.Containers;
using GoPack.Sdk.Containers.Registry;
using GoPack.Sdk.Tests.Unit.Project;

namespace GoPack.Sdk.Tests.Unit.Containers;

public sealed class ImageLayoutTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private BuiltImage BuildImage(string directory, BaseImage? baseImage = null, string arch = "amd64") =>
        ImageBuilder.Build(new ImageBuildRequest
        {
            Output = new OciLayout(_tree.Path(directory)),
            Base = baseImage,
            Layers = [new LayerSpec([LayerEntry.FromBytes("ko-app/svc", "binary"u8.ToArray(), LayerEntry.ExecutableMode)], "GoPack.Sdk: /ko-app/svc")],
            Config = new ImageConfigSettings { Platform = new ImagePlatform("linux", arch), Entrypoint = ["/ko-app/svc"] },
        });

    [Fact]
    public void An_image_written_twice_has_one_digest_and_every_blob_hashes_to_its_name()
    {
        var first = BuildImage("a");
        var second = BuildImage("b");
        first.Layout.WriteIndex([first.Manifest]);

        Assert.Equal(first.Digest, second.Digest);
        foreach (var blob in ImageBuilder.Blobs(first))
        {
            Assert.Equal(blob.Digest, Digests.OfFile(first.Layout.BlobPath(blob.Digest)));
        }

        var loaded = BuiltImages.Load(first.Layout);
        Assert.Equal(first.Digest, loaded.Digest);
        Assert.Equal("linux/amd64", loaded.Manifest.Platform!.ToString());
    }

    [Fact]
    public void The_tarball_holds_one_image_named_once_with_every_tag_in_manifest_json()
    {
        var image = BuildImage("a");
        var archive = _tree.Path("out/svc.tar");

        ImageArchiveWriter.Write(image, "org/svc", ["1.0", "latest"], archive, DateTimeOffset.UnixEpoch);

        using var reader = new TarReader(File.OpenRead(archive));
        var files = new Dictionary<string, byte[]>();
        while (reader.GetNextEntry(copyData: true) is { } entry)
        {
            if (entry.DataStream is null) continue;
            using var buffer = new MemoryStream();
            entry.DataStream.CopyTo(buffer);
            files[entry.Name] = buffer.ToArray();
        }

        var index = JsonNode.Parse(files["index.json"])!;
        Assert.Single(index["manifests"]!.AsArray());
        Assert.Equal("1.0", index["manifests"]![0]!["annotations"]!["org.opencontainers.image.ref.name"]!.GetValue<string>());
        var dockerManifest = JsonNode.Parse(files["manifest.json"])!;
        Assert.Equal("""["org/svc:1.0","org/svc:latest"]""", dockerManifest[0]!["RepoTags"]!.ToJsonString());
        Assert.Equal("{\"imageLayoutVersion\":\"1.0.0\"}", System.Text.Encoding.UTF8.GetString(files["oci-layout"]));
        Assert.Contains("blobs/sha256/" + Digests.HexOf(image.Digest), files.Keys);
        Assert.DoesNotContain(Directory.EnumerateFiles(_tree.Path("out")), f => f.Contains(".tmp-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_base_from_a_layout_or_an_archive_gives_the_same_image_and_a_tampered_blob_is_refused()
    {
        var baseImage = BuildImage("base", arch: "arm64");
        baseImage.Layout.WriteIndex([baseImage.Manifest with { Annotations = new Dictionary<string, string> { ["org.opencontainers.image.ref.name"] = "1" } }]);
        ImageArchiveWriter.Write(baseImage, "base", ["1"], _tree.Path("base.tar.gz"), DateTimeOffset.UnixEpoch);
        var resolver = new BaseImageResolver(new OciLayout(_tree.Path("cache")), _ => throw new InvalidOperationException("no registry in this test"));
        var arm64 = new ImagePlatform("linux", "arm64");

        var fromLayout = await resolver.ResolveAsync("oci:" + _tree.Path("base") + ":1", arm64, CancellationToken.None);
        var fromArchive = await resolver.ResolveAsync(_tree.Path("base.tar.gz"), arm64, CancellationToken.None);
        var built = BuildImage("app", fromLayout, "arm64");

        Assert.Equal(baseImage.Digest, fromLayout.ManifestDigest);
        Assert.Equal(baseImage.Digest, fromArchive.ManifestDigest);
        Assert.Equal(2, built.Content.Layers.Count);
        Assert.Equal(built.Digest, BuildImage("app2", fromArchive, "arm64").Digest);

        var wrongPlatform = await Assert.ThrowsAsync<RegistryException>(() => resolver.ResolveAsync("oci:" + _tree.Path("base"), new ImagePlatform("linux", "amd64"), CancellationToken.None));
        Assert.Equal(GoPackErrors.ContainerBaseImageUnavailable, wrongPlatform.Code);
        Assert.Contains("not linux/amd64", wrongPlatform.Message);

        File.WriteAllText(baseImage.Layout.BlobPath(baseImage.Content.Config.Digest), "{}");
        var tampered = await Assert.ThrowsAsync<RegistryException>(() => resolver.ResolveAsync("oci:" + _tree.Path("base"), arm64, CancellationToken.None));
        Assert.Equal(GoPackErrors.ContainerDigestMismatch, tampered.Code);

        var missing = await Assert.ThrowsAsync<RegistryException>(() => resolver.ResolveAsync("oci:" + _tree.Path("nothing"), arm64, CancellationToken.None));
        Assert.Equal(GoPackErrors.ContainerBaseImageUnavailable, missing.Code);
    }

    [Fact]
    public void Docker_format_uses_schema_2_media_types_for_the_manifest_config_and_layers()
    {
        var image = ImageBuilder.Build(new ImageBuildRequest
        {
            Output = new OciLayout(_tree.Path("docker")),
            Layers = [new LayerSpec([LayerEntry.FromBytes("a", [1])], "x")],
            Config = new ImageConfigSettings(),
            Format = ContainerImageFormat.Docker,
            ManifestAnnotations = new Dictionary<string, string> { ["k"] = "v" },
        });

        Assert.Equal(OciMediaTypes.DockerManifest, image.Manifest.MediaType);
        Assert.Equal(OciMediaTypes.DockerConfig, image.Content.Config.MediaType);
        Assert.Equal(OciMediaTypes.DockerLayerGzip, image.Content.Layers.Single().MediaType);
        Assert.Null(image.Content.Annotations); // schema 2 has none
        Assert.Equal(OciMediaTypes.DockerManifestList, ImageBuilder.BuildIndex(image.Layout, [image.Manifest], ContainerImageFormat.Docker).MediaType);
    }

    [Fact]
    public void An_index_names_each_platform()
    {
        var amd64 = BuildImage("amd64");
        var arm64 = BuildImage("arm64", arch: "arm64");
        var store = new OciLayout(_tree.Path("index"));

        var index = ImageBuilder.BuildIndex(store, [amd64.Manifest, arm64.Manifest], ContainerImageFormat.Oci);
        var parsed = ImageIndex.Parse(store.ReadBlob(index.Digest), "index");

        Assert.Equal(OciMediaTypes.OciIndex, index.MediaType);
        Assert.Equal(arm64.Digest, parsed.Find(new ImagePlatform("linux", "arm64", "v8"))!.Digest);
        Assert.Equal(amd64.Digest, parsed.Find(new ImagePlatform("linux", "amd64"))!.Digest);
    }
}
