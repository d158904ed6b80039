using GoPack.Sdk.Project;

namespace GoPack.Sdk.Tests.Unit.Project;

public sealed class ProcfileWriterTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public void One_binary_is_the_web_process()
    {
        Assert.Equal("web: ./app\n", ProcfileWriter.CreateContent(_tree.Root, new[] { "app" }, null, null));
    }

    [Fact]
    public void Several_binaries_are_named_processes()
    {
        Assert.Equal("api: ./api\nworker: ./worker\n", ProcfileWriter.CreateContent(_tree.Root, new[] { "api", "worker" }, null, null));
    }

    [Fact]
    public void Run_command_replaces_the_web_process()
    {
        Assert.Equal("web: ./app --port 8080\n", ProcfileWriter.CreateContent(_tree.Root, new[] { "app" }, "./app --port 8080", null));
        Assert.Equal(
            "web: ./start.sh\nworker: ./worker\n",
            ProcfileWriter.CreateContent(_tree.Root, new[] { "web", "worker" }, null, Env.Of(("CC_RUN_COMMAND", "./start.sh"))));
    }

    [Fact]
    public void GoRunCommand_wins_over_CC_RUN_COMMAND()
    {
        var environment = Env.Of(("CC_RUN_COMMAND", "from-env"));

        Assert.Equal("from-property", ProcfileWriter.ResolveRunCommand("from-property", environment));
        Assert.Equal("from-env", ProcfileWriter.ResolveRunCommand(" ", environment));
        Assert.Null(ProcfileWriter.ResolveRunCommand(null, null));
    }

    [Fact]
    public void A_user_procfile_is_never_overwritten()
    {
        _tree.File("Procfile", "web: mine\n");

        Assert.Null(ProcfileWriter.CreateContent(_tree.Root, new[] { "app" }, "cmd", null));
    }

    [Fact]
    public void Nothing_to_run_gives_no_procfile()
    {
        Assert.Null(ProcfileWriter.CreateContent(_tree.Root, Array.Empty<string>(), null, null));
        Assert.Equal("web: ./run.sh\n", ProcfileWriter.CreateContent(_tree.Root, Array.Empty<string>(), "./run.sh", null));
    }

    [Fact]
    public void Main_packages_with_an_executable_suffix_and_another_prefix()
    {
        var output = _tree.Path("bin");
        var packages = new[]
        {
            new ResolvedMainPackage("example.com/app/cmd/api", _tree.Path("cmd/api"), "api", "obj/api.exe", System.IO.Path.Combine(output, "api.exe"), "module layout"),
            new ResolvedMainPackage("example.com/app/cmd/cron job", _tree.Path("cmd/cron job"), "cron job", "obj/cron job.exe", System.IO.Path.Combine(output, "cron job.exe"), "module layout"),
        };

        Assert.Equal(
            "api: bin/api.exe\ncron_job: 'bin/cron job.exe'\n",
            ProcfileWriter.CreateContent(_tree.Root, packages, null, null, binaryPathPrefix: "bin/"));
    }
}
