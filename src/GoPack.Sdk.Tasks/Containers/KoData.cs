using System.Collections.Generic;
using System.IO;

namespace GoPack.Sdk.Containers;

/// <summary>ko's data folder: the files of kodata/ in the image at /var/run/ko, announced by KO_DATA_PATH.</summary>
public static class KoData
{
    /// <summary>The layer, or null when the folder doesn't exist. As ko does, links are followed (the image gets the content).</summary>
    public static LayerSpec? Layer(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return null;
        }

        var root = Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        var entries = new List<LayerEntry> { LayerEntry.Directory(ContainerSettings.DataDirectory) };
        foreach (var directoryPath in Directory.EnumerateDirectories(root, "*", SearchOption.AllDirectories))
        {
            entries.Add(LayerEntry.Directory(ContainerSettings.DataDirectory + "/" + Relative(root, directoryPath)));
        }

        // 0644 whatever the file system says: Windows has no mode to read, and the digest must not depend on the OS.
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            entries.Add(LayerEntry.FromFile(ContainerSettings.DataDirectory + "/" + Relative(root, file), file));
        }

        return new LayerSpec(entries, "GoPack.Sdk: kodata -> " + ContainerSettings.DataDirectory);
    }

    private static string Relative(string root, string path) =>
        path.Substring(root.Length).TrimStart(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar).Replace('\\', '/');
}
