using GoPack.Sdk.Common;

namespace GoPack.Sdk.Tests.Unit.Common;

/// <summary>FileStamps.Tree is what the inputs cache hashes of vendor/: every change of a file there must change it.</summary>
public sealed class FileStampsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("gopack-stamps-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Write(string relative, string content)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void Every_file_at_any_depth_is_listed_once_in_ordinal_order_dot_files_included()
    {
        Write("vendor/example.com/b/b.go", "package b");
        Write("vendor/example.com/a/a.go", "package a");
        Write("vendor/example.com/a/static/.hidden", "x");
        Write("vendor/modules.txt", "# example.com/a v1.0.0");

        var tree = FileStamps.Tree(Path.Combine(_root, "vendor"));

        var expected = new[] { "example.com/a/a.go", "example.com/a/static/.hidden", "example.com/b/b.go", "modules.txt" }
            .Select(p => Path.Combine(_root, "vendor", p)).OrderBy(p => p, StringComparer.Ordinal);
        Assert.Equal(expected, tree.Select(line => line.Split('\t')[0]));
        Assert.All(tree, line => Assert.Matches(@"\t\d+ \d+$", line));
    }

    [Fact]
    public void Content_with_an_older_stamp_an_added_file_and_a_deleted_file_each_change_the_listing()
    {
        var file = Write("vendor/p/p.go", "package p");
        string Listing() => string.Join("\n", FileStamps.Tree(Path.Combine(_root, "vendor")));
        var first = Listing();
        Assert.Equal(first, Listing());

        var stamp = File.GetLastWriteTimeUtc(file);
        File.WriteAllText(file, "package p // edited");
        File.SetLastWriteTimeUtc(file, stamp.AddDays(-1));
        var edited = Listing();
        Assert.NotEqual(first, edited);

        var added = Write("vendor/p/q.go", "package p");
        Assert.NotEqual(edited, Listing());
        File.Delete(added);
        Assert.Equal(edited, Listing());
    }

    [Fact]
    public void A_missing_directory_is_empty_and_a_link_to_a_directory_is_named_not_followed()
    {
        Assert.Empty(FileStamps.Tree(Path.Combine(_root, "nothing")));

        Write("vendor/p/p.go", "package p");
        Directory.CreateSymbolicLink(Path.Combine(_root, "vendor/p/loop"), Path.Combine(_root, "vendor"));

        var tree = FileStamps.Tree(Path.Combine(_root, "vendor"));

        Assert.Equal(Path.Combine(_root, "vendor/p/loop") + "\tlink", tree[0]);
        Assert.Equal(Path.Combine(_root, "vendor/p/p.go"), Assert.Single(tree.Skip(1)).Split('\t')[0]);
    }
}
