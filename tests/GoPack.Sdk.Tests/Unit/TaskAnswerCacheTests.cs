using System.Collections;
using GoPack.Sdk.Common;
using GoPack.Sdk.Tasks;
using GoPack.Sdk.Tests.Infrastructure;
using GoPack.Sdk.Tests.Unit.Project;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace GoPack.Sdk.Tests.Unit;

/// <summary>
/// Issue 14: tasks keep their answers in obj/ (TaskAnswerCache). A stale answer would be a wrong build, so every way an
/// answer can go stale is tried here: parameters, environment, another GoPack build, a file changed with an older time
/// stamp, a file deleted or appearing where the code looked, a folder gaining an entry; and a run that failed, ran a
/// program or can't be read back keeps nothing.
/// </summary>
public sealed class TaskAnswerCacheTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private string CacheFile => _tree.Path("obj/task.answers");

    /// <summary>A task whose answer depends on one file, one folder's listing and its parameters; it counts its runs.</summary>
    private sealed class ProbeTask : GoPackTask
    {
        public IDictionary Environment = new Hashtable { ["PATH"] = "/usr/bin" };
        public string Version = "build-1";
        public int Runs;

        public string Input { get; set; } = "";
        public string File { get; set; } = "";
        public string Folder { get; set; } = "";
        public ITaskItem[] Items { get; set; } = [];
        public bool Fail { get; set; }
        public bool RunsAProgram { get; set; }

        [Output] public string Text { get; private set; } = "";
        [Output] public string[] Names { get; private set; } = [];
        [Output] public ITaskItem[] Echoed { get; private set; } = [];
        [Output] public bool Found { get; private set; }

        public override bool Execute() => TaskAnswerCache.Execute(this, AnswerCacheFile, Core, Environment, Version);

        private bool Core()
        {
            Runs++;
            Found = FileProbe.FileExists(File);
            Text = Input + ":" + (Found ? FileProbe.ReadAllText(File) : "(none)");
            Names = FileProbe.DirectoryExists(Folder) ? FileProbe.GetFiles(Folder).Select(f => System.IO.Path.GetFileName(f)).Order().ToArray() : [];
            Echoed = Items.Select(i => (ITaskItem)new TaskItem(LiteralItems.Escape(i.ItemSpec + "!"), new Dictionary<string, string> { ["Kind"] = LiteralItems.Escape(i.GetMetadata("Kind") + "\tx\ny") })).ToArray();
            Log.LogMessage(MessageImportance.High, "worked it out from " + File);
            Log.LogWarning(null, "GOPACK9999", null, File, 3, 4, 0, 0, "a warning to replay");
            if (RunsAProgram) FileProbe.NotCacheable("a program ran");
            if (Fail) Log.LogError("failed");
            return !Fail;
        }
    }

    private ProbeTask NewTask(RecordingBuildEngine? engine = null) => new()
    {
        BuildEngine = engine ?? new RecordingBuildEngine(),
        AnswerCacheFile = CacheFile,
        Input = "in",
        File = _tree.Path("answer.txt"),
        Folder = _tree.Path("listed"),
        Items = [new TaskItem("a", new Dictionary<string, string> { ["Kind"] = "k1" })],
    };

    private static void Older(string path, int days = 3) => System.IO.File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddDays(-days));

    [Fact]
    public void A_second_run_with_nothing_changed_takes_every_answer_and_replays_what_the_task_logged()
    {
        _tree.File("answer.txt", "42");
        _tree.File("listed/one.go", "");
        var first = NewTask();
        Assert.True(first.Execute());

        var engine = new RecordingBuildEngine();
        var second = NewTask(engine);
        Assert.True(second.Execute());

        Assert.Equal(0, second.Runs);
        Assert.Equal(first.Text, second.Text);
        Assert.Equal("in:42", second.Text);
        Assert.Equal(["one.go"], second.Names);
        Assert.True(second.Found);
        var item = Assert.Single(second.Echoed);
        Assert.Equal("a!", item.ItemSpec);
        Assert.Equal("k1\tx\ny", item.GetMetadata("Kind"));
        Assert.Contains(engine.Messages, m => m.Message == "worked it out from " + _tree.Path("answer.txt") && m.Importance == MessageImportance.High);
        var warning = Assert.Single(engine.Warnings);
        Assert.Equal(("GOPACK9999", _tree.Path("answer.txt"), 3, 4, "a warning to replay"), (warning.Code, warning.File, warning.LineNumber, warning.ColumnNumber, warning.Message));
        Assert.Contains(engine.Messages, m => m.Message!.Contains("answers from " + CacheFile));
    }

    [Fact]
    public void Item_specs_and_metadata_come_back_as_the_literal_text_they_were()
    {
        _tree.File("answer.txt", "42");
        var literal = "my app %41;$(x)@(y)'*?";
        var first = NewTask();
        first.Items = [new TaskItem(LiteralItems.Escape(literal), new Dictionary<string, string> { ["Kind"] = LiteralItems.Escape(literal) })];
        Assert.True(first.Execute());
        Assert.Equal(literal + "!", first.Echoed[0].ItemSpec);

        var second = NewTask();
        second.Items = first.Items;
        Assert.True(second.Execute());

        Assert.Equal(0, second.Runs);
        Assert.Equal(literal + "!", second.Echoed[0].ItemSpec);
        Assert.Equal(literal + "\tx\ny", second.Echoed[0].GetMetadata("Kind"));
    }

    [Fact]
    public void A_file_rewritten_with_the_same_size_and_an_older_time_stamp_is_a_change()
    {
        var file = _tree.File("answer.txt", "42");
        Assert.True(NewTask().Execute());

        System.IO.File.WriteAllText(file, "43");
        Older(file);
        var task = NewTask();
        Assert.True(task.Execute());

        Assert.Equal(1, task.Runs);
        Assert.Equal("in:43", task.Text);
    }

    [Fact]
    public void A_file_deleted_or_appearing_where_the_task_looked_is_a_change()
    {
        var file = _tree.File("answer.txt", "42");
        Assert.True(NewTask().Execute());
        System.IO.File.Delete(file);

        var afterDelete = NewTask();
        Assert.True(afterDelete.Execute());
        Assert.Equal((1, false, "in:(none)"), (afterDelete.Runs, afterDelete.Found, afterDelete.Text));

        // Appearing, with a stamp older than the answers (copied with its time: cp -p, tar -x, a branch switch).
        _tree.File("answer.txt", "7");
        Older(file, days: 30);
        var afterCreate = NewTask();
        Assert.True(afterCreate.Execute());
        Assert.Equal((1, "in:7"), (afterCreate.Runs, afterCreate.Text));
    }

    [Fact]
    public void A_folder_the_task_listed_gaining_an_entry_is_a_change_but_not_a_subfolder_its_file_listing_never_returns()
    {
        _tree.File("answer.txt", "42");
        _tree.File("listed/one.go", "");
        Assert.True(NewTask().Execute());

        // What a first build does to the module folder (obj/, bin/): the folder's time stamp moves, the files listed don't.
        System.IO.Directory.CreateDirectory(_tree.Path("listed/obj"));
        var unchanged = NewTask();
        Assert.True(unchanged.Execute());
        Assert.Equal(0, unchanged.Runs);

        _tree.File("listed/two.go", "");
        Older(_tree.Path("listed/two.go"));
        var task = NewTask();
        Assert.True(task.Execute());

        Assert.Equal(1, task.Runs);
        Assert.Equal(["one.go", "two.go"], task.Names);
    }

    [Fact]
    public void Parameters_the_environment_and_another_GoPack_build_each_make_the_task_run_again()
    {
        _tree.File("answer.txt", "42");
        Assert.True(NewTask().Execute());

        var parameter = NewTask();
        parameter.Items = [new TaskItem("a", new Dictionary<string, string> { ["Kind"] = "k2" })];
        Assert.True(parameter.Execute());
        Assert.Equal(1, parameter.Runs);
        Assert.Equal("k2\tx\ny", parameter.Echoed[0].GetMetadata("Kind"));

        Assert.True(NewTask().Execute());
        var environment = NewTask();
        environment.Environment = new Hashtable { ["PATH"] = "/usr/bin", ["GOFLAGS"] = "-mod=vendor" };
        Assert.True(environment.Execute());
        Assert.Equal(1, environment.Runs);

        Assert.True(NewTask().Execute());
        var otherBuild = NewTask();
        otherBuild.Version = "build-2";
        Assert.True(otherBuild.Execute());
        Assert.Equal(1, otherBuild.Runs);
    }

    [Fact]
    public void What_a_shell_or_terminal_sets_per_session_is_no_change_but_any_other_variable_is()
    {
        _tree.File("answer.txt", "42");
        var first = NewTask();
        first.Environment = new Hashtable { ["PATH"] = "/usr/bin", ["OLDPWD"] = "/home/me", ["_"] = "/usr/bin/dotnet", ["SHLVL"] = "1", ["TERM_SESSION_ID"] = "w0t0p0:A" };
        Assert.True(first.Execute());
        Assert.Equal(1, first.Runs);

        // After a cd, in a nested shell, in another tab, over ssh: the answers are taken.
        var moved = NewTask();
        moved.Environment = new Hashtable { ["PATH"] = "/usr/bin", ["OLDPWD"] = "/tmp", ["_"] = "/usr/local/bin/dotnet", ["SHLVL"] = "2", ["TERM_SESSION_ID"] = "w0t1p0:B", ["PWD"] = "/src/svc", ["SSH_CONNECTION"] = "10.0.0.2 50122 10.0.0.1 22" };
        Assert.True(moved.Execute());
        Assert.Equal(0, moved.Runs);
        Assert.Equal(first.Text, moved.Text);

        // Any other variable still counts, even one GoPack doesn't know of (a Makefile or a tool may read it).
        var other = NewTask();
        other.Environment = new Hashtable { ["PATH"] = "/usr/bin", ["OLDPWD"] = "/tmp", ["MY_BUILD_SETTING"] = "1" };
        Assert.True(other.Execute());
        Assert.Equal(1, other.Runs);
    }

    [Fact]
    public void Runs_that_alternate_between_keys_each_find_their_own_answers_up_to_four_keys()
    {
        _tree.File("answer.txt", "42");
        ProbeTask Run(string input)
        {
            var task = NewTask();
            task.Input = input;
            Assert.True(task.Execute());
            Assert.Equal(input + ":42", task.Text);
            return task;
        }

        // dotnet build, then dotnet run or test (other parameters), then dotnet build again: its answers are still kept.
        Assert.Equal(1, Run("build").Runs);
        Assert.Equal(1, Run("run").Runs);
        Assert.Equal(0, Run("build").Runs);
        Assert.Equal(0, Run("run").Runs);

        // Each kept set is checked on its own: a change to what they read is a change for every one.
        _tree.File("answer.txt", "43");
        Assert.Equal(1, NewTaskRun("build"));
        Assert.Equal(1, NewTaskRun("run"));

        // Four are kept, the most recent: a fifth pushes out the one least recently worked out.
        Assert.Equal(1, NewTaskRun("test"));
        Assert.Equal(1, NewTaskRun("publish"));
        Assert.Equal(1, NewTaskRun("pack"));
        Assert.Equal(0, NewTaskRun("run"));
        Assert.Equal(1, NewTaskRun("build"));
    }

    private int NewTaskRun(string input)
    {
        var task = NewTask();
        task.Input = input;
        Assert.True(task.Execute());
        return task.Runs;
    }

    [Fact]
    public void The_environment_is_kept_as_a_hash_only()
    {
        _tree.File("answer.txt", "42");
        var task = NewTask();
        task.Environment = new Hashtable { ["GOPROXY"] = "https://user:s3cr3t-t0ken@proxy.example.com" };
        Assert.True(task.Execute());

        Assert.DoesNotContain("s3cr3t-t0ken", System.IO.File.ReadAllText(CacheFile));
    }

    [Fact]
    public void A_run_that_failed_or_ran_a_program_keeps_nothing()
    {
        _tree.File("answer.txt", "42");
        Assert.True(NewTask().Execute());
        Assert.True(System.IO.File.Exists(CacheFile));

        var failing = NewTask();
        failing.Fail = true;
        Assert.False(failing.Execute());
        Assert.False(System.IO.File.Exists(CacheFile));
        var again = NewTask();
        again.Fail = true;
        Assert.False(again.Execute());
        Assert.Equal(1, again.Runs);

        var program = NewTask();
        program.RunsAProgram = true;
        Assert.True(program.Execute());
        Assert.False(System.IO.File.Exists(CacheFile));
    }

    [Theory]
    [InlineData("")]
    [InlineData("gopack-task-answers 1\n")]
    [InlineData("gopack-task-answers 1\nK\tnot-the-key\n")]
    [InlineData("\u0000\u00ff garbage \t\t\n\\")]
    public void A_damaged_cache_is_a_miss_and_is_rewritten(string content)
    {
        _tree.File("answer.txt", "42");
        Assert.True(NewTask().Execute());
        var lines = System.IO.File.ReadAllLines(CacheFile);

        System.IO.File.WriteAllText(CacheFile, content);
        var task = NewTask();
        Assert.True(task.Execute());
        Assert.Equal((1, "in:42"), (task.Runs, task.Text));

        // The key line kept, the records cut short: still a miss, never an exception.
        System.IO.File.WriteAllLines(CacheFile, lines.Take(2).Append("O\tText").Append("P\tf"));
        var truncated = NewTask();
        Assert.True(truncated.Execute());
        Assert.Equal(1, truncated.Runs);
        Assert.Equal(0, NewTask() is var hit && hit.Execute() ? hit.Runs : -1);

        foreach (var record in new[] { "M\tloud\ttext", "W\ta\tb", "I\tNames", "O\tNoSuchOutput\tx", "P\t\t/x\t-", "O\tFound\tmaybe" })
        {
            System.IO.File.WriteAllLines(CacheFile, lines.Append(record));
            var damaged = NewTask();
            Assert.True(damaged.Execute());
            Assert.True(damaged.Runs == 1, record);
        }
    }

    [Fact]
    public void Without_a_cache_file_the_task_always_runs()
    {
        _tree.File("answer.txt", "42");
        var first = NewTask();
        first.AnswerCacheFile = "";
        Assert.True(first.Execute());
        var second = NewTask();
        second.AnswerCacheFile = "";
        Assert.True(second.Execute());
        Assert.Equal((1, 1), (first.Runs, second.Runs));
    }

    [Fact]
    public void DetectGo_sees_a_go_mod_rewritten_with_an_older_stamp_a_go_work_appearing_above_and_a_deleted_go_mod()
    {
        var module = _tree.Dir("svc");
        var goMod = _tree.File("svc/go.mod", "module example.com/aaa\n\ngo 1.19\n");
        _tree.Main("svc");
        DetectGo Detect() => new() { BuildEngine = new RecordingBuildEngine(), ProjectDirectory = module, AnswerCacheFile = _tree.Path("svc/obj/detect.answers") };

        var first = Detect();
        Assert.True(first.Execute());
        Assert.Equal("example.com/aaa", first.ModulePath);

        System.IO.File.WriteAllText(goMod, "module example.com/bbb\n\ngo 1.19\n");
        Older(goMod);
        var rewritten = Detect();
        Assert.True(rewritten.Execute());
        Assert.Equal("example.com/bbb", rewritten.ModulePath);

        var goWork = _tree.File("go.work", "go 1.19\n\nuse ./svc\n");
        Older(goWork, days: 10);
        var workspace = Detect();
        Assert.True(workspace.Execute());
        Assert.Equal(goWork, workspace.WorkFile);

        System.IO.File.Delete(goWork);
        System.IO.File.Delete(goMod);
        var deleted = Detect();
        deleted.Execute();
        Assert.Equal("", deleted.ModFile);
        Assert.Equal("", deleted.WorkFile);
    }

    [Fact]
    public void ResolveGoToolchain_sees_a_toolchain_upgraded_in_place_and_keeps_nothing_while_it_had_to_ask_go()
    {
        var root = FakeGoToolchain.CreateToolchain(_tree.Path("go"), "go1.21.0");
        var cache = _tree.Dir("toolchains");
        ResolveGoToolchain Resolve() => new()
        {
            BuildEngine = new RecordingBuildEngine(),
            GoRoot = root,
            Cache = cache,
            Policy = "local",
            AnswerCacheFile = _tree.Path("obj/toolchain.answers"),
        };

        var invocations = Path.Combine(root, FakeGoToolchain.InvocationLogName);
        var answers = _tree.Path("obj/toolchain.answers");
        var first = Resolve();
        Assert.True(first.Execute(), string.Join("\n", ((RecordingBuildEngine)first.BuildEngine).Errors.Select(e => e.Message)));
        Assert.Equal("1.21.0", first.Version);
        // Asking go for its settings (a toolchain seen for the first time) is more than files: nothing kept then.
        if (System.IO.File.Exists(invocations)) Assert.False(System.IO.File.Exists(answers));

        Assert.True(Resolve().Execute());
        Assert.True(System.IO.File.Exists(answers));

        // In place: same folder, another release (apt upgrade, an unpacked archive over the old one), older stamps.
        FakeGoToolchain.CreateToolchain(root, "go1.22.3");
        Older(Path.Combine(root, "VERSION"), days: 1);
        Older(Path.Combine(root, "bin", "go"), days: 1);
        var upgraded = Resolve();
        Assert.True(upgraded.Execute());
        Assert.Equal("1.22.3", upgraded.Version);

        Assert.True(Resolve().Execute());
        System.IO.File.Delete(invocations);
        var hit = Resolve();
        Assert.True(hit.Execute());
        Assert.Equal(("1.22.3", Path.Combine(root, "bin", "go")), (hit.Version, hit.GoExecutable));
        Assert.Contains(((RecordingBuildEngine)hit.BuildEngine).Messages, m => m.Message!.Contains("answers from " + answers));
        Assert.False(System.IO.File.Exists(invocations));
    }
}
