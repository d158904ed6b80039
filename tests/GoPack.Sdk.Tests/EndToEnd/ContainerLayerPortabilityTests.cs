using System.IO.Compression;
using System.Reflection;
using System.Runtime.Loader;
using GoPack.Sdk.Containers;
using GoPack.Sdk.Tests.Infrastructure;

namespace GoPack.Sdk.Tests.EndToEnd;

/// <summary>
/// Visual Studio's MSBuild loads the package's netstandard2.0 task assembly, `dotnet build` the net8.0 one (the net10.0
/// one on linux-x64): all must write the same layer bytes, or an image built in Visual Studio would get another digest
/// than on CI. The test's own reference to the task library (its .NET build) stands for `dotnet build`'s.
/// </summary>
public sealed class ContainerLayerPortabilityTests(TestEnvironment environment) : IClassFixture<TestEnvironment>
{
    [Fact]
    public void The_netstandard_task_assembly_of_the_package_writes_the_same_layer_as_the_dotnet_build_one()
    {
        var directory = Path.Combine(environment.Root, "netstandard-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        using (var package = ZipFile.OpenRead(environment.NupkgPath))
        {
            foreach (var entry in package.Entries.Where(e => e.FullName.StartsWith("tasks/netstandard2.0/", StringComparison.Ordinal) && e.Name.EndsWith(".dll", StringComparison.Ordinal)))
            {
                entry.ExtractToFile(Path.Combine(directory, entry.Name));
            }
        }

        var context = new AssemblyLoadContext("gopack-netstandard", isCollectible: true);
        context.Resolving += (c, name) =>
        {
            var candidate = Path.Combine(directory, name.Name + ".dll");
            return File.Exists(candidate) ? c.LoadFromAssemblyPath(candidate) : null;
        };
        try
        {
            var tasks = context.LoadFromAssemblyPath(Path.Combine(directory, "GoPack.Sdk.Tasks.dll"));
            Assert.Contains(tasks.GetCustomAttributes<System.Runtime.Versioning.TargetFrameworkAttribute>(), a => a.FrameworkName.StartsWith(".NETStandard", StringComparison.Ordinal));
            var entryType = tasks.GetType("GoPack.Sdk.Containers.LayerEntry", throwOnError: true)!;
            var fromBytes = entryType.GetMethod("FromBytes")!;
            var content = new byte[300_000];
            new Random(42).NextBytes(content); // incompressible and compressible halves: both deflater paths
            Array.Fill(content, (byte)'a', 0, 150_000);
            var entries = Array.CreateInstance(entryType, 2);
            entries.SetValue(fromBytes.Invoke(null, ["ko-app/svc", content, 0x1ED]), 0);
            entries.SetValue(fromBytes.Invoke(null, ["var/run/ko/" + new string('n', 120), "data"u8.ToArray(), 0x1A4]), 1);
            var write = tasks.GetType("GoPack.Sdk.Containers.LayerWriter", throwOnError: true)!.GetMethod("Write")!;
            var time = DateTimeOffset.FromUnixTimeSeconds(1700000000);
            var theirs = write.Invoke(null, [entries, Path.Combine(directory, "netstandard.tar.gz"), time, CancellationToken.None])!;

            var ours = LayerWriter.Write(
                [LayerEntry.FromBytes("ko-app/svc", content, 0x1ED), LayerEntry.FromBytes("var/run/ko/" + new string('n', 120), "data"u8.ToArray(), 0x1A4)],
                Path.Combine(directory, "net.tar.gz"), time);

            Assert.Equal(ours.Digest, (string)theirs.GetType().GetProperty("Digest")!.GetValue(theirs)!);
            Assert.Equal(ours.DiffId, (string)theirs.GetType().GetProperty("DiffId")!.GetValue(theirs)!);
        }
        finally
        {
            context.Unload();
        }
    }
}
