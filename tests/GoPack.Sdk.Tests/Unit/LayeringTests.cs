using System.Reflection;
using System.Reflection.Emit;
using System.Text.RegularExpressions;
using GoPack.Sdk.Tasks;
using GoPack.Sdk.Tests.Infrastructure;

namespace GoPack.Sdk.Tests.Unit;

/// <summary>
/// Dependencies run one way: Tasks → features (Project, Toolchains, Functions, Testing, Publishing, Containers, Packaging) →
/// foundation (Diagnostics → Packages → Modules → Versions → Execution → Common), never back, and no feature uses
/// another. Read from the compiled task assembly: every type's signatures and every member its method bodies touch,
/// so a fully qualified name or a lambda can't slip past as a `using` line could.
/// </summary>
public sealed class LayeringTests
{
    private const string Root = "GoPack.Sdk";

    /// <summary>The foundation, lowest first: an area may use the areas before it, never one after it.</summary>
    private static readonly string[] Foundation = ["", "Common", "Execution", "Versions", "Modules", "Packages", "Platforms", "Diagnostics"];

    /// <summary>What the tasks are thin over: each uses the foundation only, never another feature.</summary>
    private static readonly string[] Features = ["Project", "Toolchains", "Functions", "Testing", "Publishing", "Containers", "Packaging"];

    private const string TasksArea = "Tasks";

    private static readonly Assembly TaskAssembly = typeof(GoPackTask).Assembly;

    [Fact]
    public void Every_namespace_of_the_task_assembly_has_its_place_in_the_layers()
    {
        var unknown = TaskAssembly.GetTypes().Select(Area).Where(a => a is not null && Rank(a) is null).Distinct().ToList();

        Assert.True(unknown.Count == 0, $"Namespaces without a layer: {string.Join(", ", unknown)}. Add each to Foundation or Features in {nameof(LayeringTests)}.");
    }

    [Fact]
    public void Dependencies_run_one_way()
    {
        var violations = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var type in TaskAssembly.GetTypes())
        {
            var from = Area(type);
            if (from is null || Rank(from) is null) continue;
            foreach (var used in ReferencedTypes(type))
            {
                var to = Area(used);
                if (to is null || to == from || Rank(to) is null || Allowed(from, to)) continue;
                violations.Add($"{from} → {to}: {Describe(type)} uses {Describe(used)}");
            }
        }

        Assert.True(violations.Count == 0, "Dependencies that run the wrong way:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void Using_directives_run_one_way_too()
    {
        // Constants are copied into the code that uses them, so the compiled assembly can't show that use; the using can.
        var violations = new List<string>();
        foreach (var (relative, text) in SourceFiles())
        {
            var from = AreaOfFolder(relative);
            if (Rank(from) is null) continue;
            foreach (Match use in Regex.Matches(text, @"^using\s+(?:static\s+)?GoPack\.Sdk\.([\w]+)[\w.]*\s*;", RegexOptions.Multiline))
            {
                var to = use.Groups[1].Value;
                if (to != from && Rank(to) is not null && !Allowed(from, to)) violations.Add($"{relative}: {use.Value.Trim()}");
            }
        }

        Assert.True(violations.Count == 0, "Using directives that run the wrong way:\n" + string.Join("\n", violations));
    }

    /// <summary>
    /// Issue 14: DetectGo, ResolveGoToolchain, ResolveGoTarget, ComputeGoBuildFlags and ResolveGoMainPackages keep their
    /// answers in obj/ while every file-system question their code asked gets the same reply (FileProbe records them).
    /// A question asked of System.IO directly would go unrecorded, and a change it should have seen would leave a stale
    /// answer: the code those tasks reach asks through FileProbe, except what is named here with the reason.
    /// </summary>
    [Fact]
    public void The_code_behind_tasks_with_kept_answers_asks_the_disk_through_FileProbe()
    {
        Type[] cachedTasks = [typeof(DetectGo), typeof(ResolveGoToolchain), typeof(ResolveGoTarget), typeof(ComputeGoBuildFlags), typeof(ResolveGoMainPackages), typeof(GoToolchainTask)];
        string[] areas = ["Project", "Toolchains", "Modules", "Packages", "Platforms", "Versions", "Functions"];
        var allowed = new Dictionary<string, string>
        {
            // Writes (and the reads of a download in progress) happen only after FileProbe.NotCacheable was called.
            ["GoPack.Sdk.Toolchains.Download"] = "downloads: ResolveGoToolchain.Download marks the run not cacheable first",
            ["GoPack.Sdk.Toolchains.GoToolchainProbe"] = "writes its remembered answers only after running go (not cacheable)",
            ["GoPack.Sdk.Toolchains.Download.ToolchainCache"] = "writes its go.mod stopper after marking the run not cacheable",
            ["GoPack.Sdk.Project.ProcfileWriter"] = "publish only",
            ["GoPack.Sdk.Functions.FunctionsAnalyzerTool"] = "GoBuildFunctionsAnalyzer/GoAnalyzeFunctions, which keep no answers",
            ["GoPack.Sdk.Functions.FunctionsPlanner"] = "ResolveGoFunctions, which keeps no answers",
            ["GoPack.Sdk.Functions.FunctionsPlanOptions"] = "ResolveGoFunctions, which keeps no answers",
            ["GoPack.Sdk.Packages.GoPackageList"] = "Write is GoList's; Read goes through FileProbe",
            ["GoPack.Sdk.Packages.LineDigests"] = "GoList's key, which keeps no task answers",
            ["GoPack.Sdk.Tasks.ResolveGoToolchain"] = "RememberFallback writes after a failed download (not cacheable)",
        };
        Type[] forbidden = [typeof(File), typeof(Directory), typeof(FileInfo), typeof(DirectoryInfo), typeof(StreamReader), typeof(FileStream)];
        bool IsAllowed(Type type) => allowed.Keys.Any(name => (type.FullName ?? "").StartsWith(name, StringComparison.Ordinal));
        var scanned = TaskAssembly.GetTypes()
            .Where(t => cachedTasks.Any(task => t == task || t.DeclaringType == task || (t.FullName ?? "").StartsWith(task.FullName + "+", StringComparison.Ordinal))
                        || areas.Contains(Area(t)) || t.FullName == "GoPack.Sdk.Execution.ExecutableSearch")
            .ToList();
        var violations = scanned
            .Where(t => !IsAllowed(t))
            .SelectMany(t => ReferencedTypes(t).Where(forbidden.Contains).Select(used => $"{Describe(t)} uses {used.Name}"))
            .Distinct()
            .OrderBy(v => v, StringComparer.Ordinal)
            .ToList();

        Assert.True(scanned.Count > 20, $"only {scanned.Count} types scanned: the check checks nothing");
        Assert.True(violations.Count == 0, "Ask the disk through GoPack.Sdk.Common.FileProbe (or name the type here with the reason):\n" + string.Join("\n", violations));
    }

    [Fact]
    public void The_check_sees_references_inside_method_bodies_and_lambdas()
    {
        // Tasks.DetectGo calls the project detector only inside Execute; the check must see that, or it checks nothing.
        var used = ReferencedTypes(typeof(DetectGo)).Select(t => t.FullName).ToList();

        Assert.Contains("GoPack.Sdk.Project.GoProjectDetector", used);
        Assert.False(Allowed("Versions", "Project"));
        Assert.False(Allowed("Project", "Toolchains"));
        Assert.False(Allowed("Common", "Versions"));
        Assert.True(Allowed("Toolchains", "Versions"));
        Assert.True(Allowed(TasksArea, "Project"));
    }

    [Fact]
    public void Every_source_file_declares_the_namespace_of_its_folder()
    {
        var wrong = new List<string>();
        foreach (var (relative, text) in SourceFiles())
        {
            var folder = Path.GetDirectoryName(relative)!.Replace(Path.DirectorySeparatorChar, '.');
            var expected = folder.Length == 0 ? Root : Root + "." + folder;
            var declared = Regex.Match(text, @"^namespace\s+([\w.]+)\s*;", RegexOptions.Multiline).Groups[1].Value;
            if (declared != expected) wrong.Add($"{relative}: namespace {declared}, expected {expected}");
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    /// <summary>The task library's sources, by path relative to its folder.</summary>
    private static IEnumerable<(string Relative, string Text)> SourceFiles()
    {
        var source = Path.Combine(TestEnvironment.FindRepoRoot(), "src", "GoPack.Sdk.Tasks");
        foreach (var file in Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.StartsWith("obj", StringComparison.Ordinal) || relative.StartsWith("bin", StringComparison.Ordinal)) continue;
            yield return (relative, File.ReadAllText(file));
        }
    }

    /// <summary>"Toolchains" for Toolchains/Download/X.cs, "" for a file at the top.</summary>
    private static string AreaOfFolder(string relative)
    {
        var separator = relative.IndexOf(Path.DirectorySeparatorChar);
        return separator < 0 ? "" : relative.Substring(0, separator);
    }

    private static bool Allowed(string from, string to)
    {
        if (from == TasksArea) return true;
        if (to == TasksArea) return false;
        var (fromTier, fromIndex) = Rank(from)!.Value;
        var (toTier, toIndex) = Rank(to)!.Value;
        return (fromTier, toTier) switch
        {
            (1, 0) => true,
            (0, 0) => toIndex < fromIndex,
            _ => false,
        };
    }

    /// <summary>(0, index in Foundation) or (1, index in Features); null for an area nobody placed.</summary>
    private static (int Tier, int Index)? Rank(string area)
    {
        if (area == TasksArea) return (2, 0);
        var foundation = Array.IndexOf(Foundation, area);
        if (foundation >= 0) return (0, foundation);
        var feature = Array.IndexOf(Features, area);
        return feature >= 0 ? (1, feature) : null;
    }

    /// <summary>"Toolchains" for GoPack.Sdk.Toolchains.Download; "" for GoPack.Sdk itself; null outside the task assembly's namespaces.</summary>
    private static string? Area(Type type)
    {
        while (type.IsNested) type = type.DeclaringType!;
        var ns = type.Namespace ?? "";
        if (type.Assembly != TaskAssembly) return null;
        if (ns == Root) return "";
        if (!ns.StartsWith(Root + ".", StringComparison.Ordinal)) return null;
        var rest = ns.Substring(Root.Length + 1);
        var dot = rest.IndexOf('.');
        return dot < 0 ? rest : rest.Substring(0, dot);
    }

    private static string Describe(Type type) => type.FullName ?? type.Name;

    private static IEnumerable<Type> ReferencedTypes(Type type)
    {
        var found = new HashSet<Type>();
        void Add(Type? t)
        {
            if (t is null) return;
            if (t.HasElementType) { Add(t.GetElementType()); return; }
            if (t.IsGenericParameter) return;
            if (t.IsGenericType && !t.IsGenericTypeDefinition)
            {
                Add(t.GetGenericTypeDefinition());
                foreach (var argument in t.GetGenericArguments()) Add(argument);
                return;
            }
            found.Add(t);
        }

        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        Add(type.BaseType);
        foreach (var i in type.GetInterfaces()) Add(i);
        foreach (var field in type.GetFields(all)) Add(field.FieldType);
        foreach (var property in type.GetProperties(all)) Add(property.PropertyType);
        foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
        {
            if (method is MethodInfo info) Add(info.ReturnType);
            foreach (var parameter in method.GetParameters()) Add(parameter.ParameterType);
            var body = method.GetMethodBody();
            if (body is null) continue;
            foreach (var local in body.LocalVariables) Add(local.LocalType);
            foreach (var member in BodyMembers(method, body.GetILAsByteArray() ?? [])) Add(member);
        }

        return found;
    }

    /// <summary>The types of every method, field and type token in a method body.</summary>
    private static IEnumerable<Type> BodyMembers(MethodBase method, byte[] il)
    {
        var module = method.Module;
        var typeArguments = method.DeclaringType is { IsGenericType: true } declaring ? declaring.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var position = 0;
        while (position < il.Length)
        {
            OpCode code;
            if (il[position] == 0xFE)
            {
                code = TwoByte[il[position + 1]];
                position += 2;
            }
            else
            {
                code = OneByte[il[position]];
                position += 1;
            }

            switch (code.OperandType)
            {
                case OperandType.InlineMethod:
                case OperandType.InlineField:
                case OperandType.InlineType:
                case OperandType.InlineTok:
                    var token = BitConverter.ToInt32(il, position);
                    position += 4;
                    MemberInfo? member;
                    try
                    {
                        member = module.ResolveMember(token, typeArguments, methodArguments);
                    }
                    catch (ArgumentException)
                    {
                        continue;
                    }

                    switch (member)
                    {
                        case Type t:
                            yield return t;
                            break;
                        case MethodBase m:
                            if (m.DeclaringType is not null) yield return m.DeclaringType;
                            if (m is MethodInfo mi) yield return mi.ReturnType;
                            foreach (var p in m.GetParameters()) yield return p.ParameterType;
                            if (m.IsGenericMethod) foreach (var a in m.GetGenericArguments()) yield return a;
                            break;
                        case FieldInfo f:
                            if (f.DeclaringType is not null) yield return f.DeclaringType;
                            yield return f.FieldType;
                            break;
                    }

                    break;
                case OperandType.InlineSwitch:
                    var count = BitConverter.ToInt32(il, position);
                    position += 4 + (4 * count);
                    break;
                default:
                    position += OperandSize(code.OperandType);
                    break;
            }
        }
    }

    private static int OperandSize(OperandType type) => type switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        _ => 4,
    };

    private static readonly OpCode[] OneByte = new OpCode[256];
    private static readonly OpCode[] TwoByte = new OpCode[256];

    static LayeringTests()
    {
        foreach (var field in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            var code = (OpCode)field.GetValue(null)!;
            var value = (ushort)code.Value;
            if (code.Size == 1) OneByte[value] = code;
            else TwoByte[value & 0xFF] = code;
        }
    }
}
