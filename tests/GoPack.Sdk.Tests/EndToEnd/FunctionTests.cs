using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using GoPack.Sdk.Tests.Infrastructure;

namespace GoPack.Sdk.Tests.EndToEnd;

/// <summary>
/// Function projects (Vercel's api/**/*.go layout): built into one server by `dotnet build`, started on a free port
/// and asked over real HTTP for every route.
/// </summary>
public sealed class FunctionTests(TestEnvironment environment) : IClassFixture<TestEnvironment>
{
    [Fact]
    public void A_module_with_functions_serves_each_at_its_route_and_a_no_op_build_starts_nothing()
    {
        var go = new CountingGo(environment);
        var tools = Path.Combine(environment.Root, "tools-" + Guid.NewGuid().ToString("N")[..8]);
        var project = environment.CreateProject("shop");
        Functions.WriteShop(project);
        var tree = TreeSnapshot.Take(project.Directory);

        var build = project.Build(go.GoRootProperty, "-p:GoToolsCache=" + tools);

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains($"shop -> {project.OutputFile()}", build.Output);
        Assert.Single(go.Invocations, i => i.Contains("functions-analyzer", StringComparison.Ordinal));
        Assert.Equal(new Dictionary<string, string>
        {
            ["/api"] = "example.com/shop/api.Handler api/index.go",
            ["/api/index"] = "example.com/shop/api.Handler api/index.go",
            ["/api/orders/list/recent"] = "example.com/shop/api/orders/list.Recent api/orders/list/recent.go",
            ["/api/users/me"] = "example.com/shop/api/users.Me api/users/me.go",
            ["/api/users/:id"] = "example.com/shop/api/users.User api/users/[id].go",
            ["/api/v2"] = "example.com/shop/api/v2.Handler api/v2/index.go",
            ["/api/v2/index"] = "example.com/shop/api/v2.Handler api/v2/index.go",
        }, Functions.Manifest(project, "Debug"));

        using (var server = Functions.Serve(project.OutputFile(), project.Directory))
        {
            Assert.Equal((200, "hello index"), Functions.Request(server, "GET", "/api"));
            Assert.Equal((200, "hello index"), Functions.Request(server, "POST", "/api/index"));
            Assert.Equal((200, "user 42"), Functions.Request(server, "GET", "/api/users/42"));
            Assert.Equal((200, "user 42"), Functions.Request(server, "GET", "/api/users/42?id=evil"));
            Assert.Equal((200, "user a/b"), Functions.Request(server, "GET", "/api/users/a%2Fb"));
            Assert.Equal((200, "me"), Functions.Request(server, "DELETE", "/api/users/me"));
            Assert.Equal((200, "v2 PUT"), Functions.Request(server, "PUT", "/api/v2/"));
            Assert.Equal((200, "recent orders"), Functions.Request(server, "GET", "/api/orders/list/recent"));
            Assert.Equal(404, Functions.Request(server, "GET", "/api/extra").Status);
            // The test file's Fake is no function: its would-be route is the [id] route's.
            Assert.Equal((200, "user users_test"), Functions.Request(server, "GET", "/api/users/users_test"));
            Assert.Equal(404, Functions.Request(server, "GET", "/api/users/42/x").Status);
            Assert.Equal(404, Functions.Request(server, "GET", "/").Status);
        }

        // A no-op build starts neither go nor the analyzer (wrapped now to count its runs).
        var runs = Functions.CountAnalyzerRuns(tools);
        var invocations = go.Invocations.Count;
        var noOp = project.Build(go.GoRootProperty, "-p:GoToolsCache=" + tools);
        Assert.True(noOp.ExitCode == 0, noOp.ToString());
        Assert.Equal(invocations, go.Invocations.Count);
        Assert.Empty(runs.Runs);
        Assert.Equal(tree, TreeSnapshot.Take(project.Directory));

        // A new function is analysed, built and served; the analyzer itself is not built again.
        project.WriteFile("api/health.go", "package handler\n\nimport \"net/http\"\n\nfunc Health(w http.ResponseWriter, r *http.Request) { w.Write([]byte(\"ok\")) }\n");
        var added = project.Build(go.GoRootProperty, "-p:GoToolsCache=" + tools);
        Assert.True(added.ExitCode == 0, added.ToString());
        Assert.Single(runs.Runs);
        Assert.Single(go.Invocations, i => i.Contains("functions-analyzer", StringComparison.Ordinal));
        Assert.Equal("example.com/shop/api.Health api/health.go", Functions.Manifest(project, "Debug")["/api/health"]);
        // go list ran again, now that obj/ holds the generated Go files: ./... must not reach them.
        Assert.DoesNotContain("/obj/", File.ReadAllText(project.Path("obj/Debug/shop.gopackages.cache")));
        using (var server = Functions.Serve(project.OutputFile(), project.Directory))
        {
            Assert.Equal((200, "ok"), Functions.Request(server, "GET", "/api/health"));
        }

        // Another project on the same toolchain uses the analyzer already built.
        var other = environment.CreateProject("other");
        other.WriteFile("go.mod", "module example.com/other\n\ngo 1.19\n");
        other.WriteFile("api/index.go", "package handler\n\nimport \"net/http\"\n\nfunc Handler(w http.ResponseWriter, r *http.Request) {}\n");
        other.WriteProjectFile();
        Assert.Equal(0, other.Build(go.GoRootProperty, "-p:GoToolsCache=" + tools).ExitCode);
        Assert.Single(go.Invocations, i => i.Contains("functions-analyzer", StringComparison.Ordinal));
        Assert.Equal(2, runs.Runs.Count);
    }

    [Fact]
    public void A_folder_without_go_mod_gets_a_temporary_module_and_dotnet_run_serves_it()
    {
        var project = Functions.Create(environment, "legacy");
        // Vercel's legacy shape: no go.mod, package main handlers, a bracket route in a folder of its own.
        project.WriteFile("api/hello.go", """
            package main

            import (
            	"fmt"
            	"net/http"
            )

            // Hello greets whoever ?name says.
            func Hello(w http.ResponseWriter, r *http.Request) {
            	fmt.Fprint(w, "hello ", r.URL.Query().Get("name"))
            }
            """);
        project.WriteFile("api/date.go", """
            package main

            import "net/http"

            func Date(w http.ResponseWriter, r *http.Request) { w.Write([]byte("today")) }
            """);
        project.WriteFile("api/items/[sku].go", """
            package items

            import (
            	"fmt"
            	"net/http"
            )

            func Item(w http.ResponseWriter, r *http.Request) {
            	fmt.Fprint(w, "item ", r.URL.Query().Get("sku"))
            }
            """);
        project.WriteProjectFile();
        var tree = TreeSnapshot.Take(project.Directory);

        var environmentVariables = project.DotnetEnvironment();
        environmentVariables["PORT"] = "0";
        environmentVariables["MSBUILDDISABLENODEREUSE"] = "1";
        using (var server = ServerProcess.Start("dotnet", ["run", "--project", project.ProjectFile], project.Directory, environmentVariables,
            Functions.Ready, TimeSpan.FromMinutes(3)))
        {
            Assert.Equal((200, "hello ada"), Functions.Request(server, "GET", "/api/hello?name=ada"));
            Assert.Equal((200, "today"), Functions.Request(server, "GET", "/api/date"));
            Assert.Equal((200, "item x-1"), Functions.Request(server, "GET", "/api/items/x-1"));
            Assert.Equal(404, Functions.Request(server, "GET", "/api/items").Status);
        }

        Assert.False(File.Exists(project.Path("go.mod")));
        Assert.Equal(tree, TreeSnapshot.Take(project.Directory));
        using var manifest = JsonDocument.Parse(File.ReadAllText(project.Path("bin/Debug/functions.json")));
        Assert.True(manifest.RootElement.GetProperty("temporaryModule").GetBoolean());
        Assert.Equal("gopack.local/functions/api/items.Item api/items/[sku].go", Functions.Manifest(project, "Debug")["/api/items/:sku"]);

        // A compile error points at the user's file, not at the copy GoPack compiles for package main.
        project.WriteFile("api/hello.go", File.ReadAllText(project.Path("api/hello.go")).Replace("fmt.Fprint(w, \"hello \"", "fmt.Fprint(w, undefinedName, \"hello \""));
        var broken = project.Build();
        Assert.NotEqual(0, broken.ExitCode);
        Assert.Contains($"{project.Path("api/hello.go")}(10,16): error GO1000: undefined: undefinedName", broken.Output);
    }

    [Fact]
    public void Release_strips_GO_BUILD_FLAGS_replaces_that_and_its_tags_choose_the_functions_and_credentials_reach_go()
    {
        const string token = "Fn7okenValue";
        var go = new CountingGo(environment, "^GIT_CONFIG");
        var project = Functions.Create(environment, "flags");
        Functions.WriteShop(project);

        var release = project.Build("-c", "Release");
        Assert.True(release.ExitCode == 0, release.ToString());
        var binary = project.OutputFile("Release");
        Assert.NotEqual(0, Functions.GoToolNm(environment, binary).ExitCode);
        Assert.False(Functions.Manifest(project, "Release").ContainsKey("/api/extra"));

        project.Environment["GO_BUILD_FLAGS"] = "-tags extra";
        project.Environment["GIT_CREDENTIALS"] = $"https://bot:{token}@git.example.org";
        var flagged = project.Build("-c", "Release", go.GoRootProperty);
        Assert.True(flagged.ExitCode == 0, flagged.ToString());
        Assert.Equal(0, Functions.GoToolNm(environment, binary).ExitCode);
        Assert.Equal("example.com/shop/api.Extra api/extra.go", Functions.Manifest(project, "Release")["/api/extra"]);
        using (var server = Functions.Serve(binary, project.Directory))
        {
            Assert.Equal((200, "extra"), Functions.Request(server, "GET", "/api/extra"));
        }

        Assert.Contains(go.Invocations, i => i.Contains("-overlay=", StringComparison.Ordinal) && i.Contains("./_gopack/functions", StringComparison.Ordinal));
        Assert.Contains($"bot:{token}@git.example.org", go.RecordedEnvironment);
        Assert.DoesNotContain(token, flagged.Output);
        foreach (var file in Directory.EnumerateFiles(project.Path("obj"), "*", SearchOption.AllDirectories))
        {
            Assert.DoesNotContain(token, File.ReadAllText(file));
        }
    }

    [Fact]
    public void A_module_with_a_main_package_keeps_it_unless_GoFunctions_is_true()
    {
        var project = Functions.Create(environment, "both");
        project.WriteHelloModule("the main package");
        project.WriteFile("api/index.go", "package handler\n\nimport \"net/http\"\n\nfunc Handler(w http.ResponseWriter, r *http.Request) { w.Write([]byte(\"the function\")) }\n");

        Assert.Equal(0, project.Build().ExitCode);
        Assert.Equal("the main package", project.RunOutput().Output.Trim());
        Assert.False(File.Exists(project.Path("bin/Debug/functions.json")));

        var forced = project.Build("-p:GoFunctions=true");
        Assert.True(forced.ExitCode == 0, forced.ToString());
        using (var server = Functions.Serve(project.OutputFile(), project.Directory))
        {
            Assert.Equal((200, "the function"), Functions.Request(server, "GET", "/api"));
        }

        var targetPath = project.Dotnet("msbuild", project.ProjectFile, "-p:GoFunctions=true", "-getProperty:TargetPath", "-getProperty:GoProjectKind", "-t:ResolveGoMainPackages");
        Assert.Contains(project.OutputFile(), targetPath.Output);
        Assert.Contains("\"GoProjectKind\": \"functions\"", targetPath.Output);
    }
}

/// <summary>Fixtures and helpers of the function project tests.</summary>
internal static class Functions
{
    /// <summary>A project whose builds keep the functions analyzer in the test run's folder, not in ~/.gopack.</summary>
    public static TestProject Create(TestEnvironment environment, string name)
    {
        var project = environment.CreateProject(name);
        project.Environment["GoToolsCache"] = Path.Combine(environment.Root, "tools");
        return project;
    }

    /// <summary>What the server prints once it listens.</summary>
    public static readonly Regex Ready = new(@"^Serving \d+ routes on http://0\.0\.0\.0:(?<port>\d+)$");

    /// <summary>
    /// A module in Vercel's shapes: index.go, nested folders, a bracket route beside a literal one, a shared internal
    /// package, comments before a handler, two packages "handler" with a func Handler each, helpers, a test file, and
    /// a function only the build tag "extra" includes.
    /// </summary>
    public static void WriteShop(TestProject project)
    {
        project.WriteFile("go.mod", "module example.com/shop\n\ngo 1.19\n");
        project.WriteFile("internal/greet/greet.go", "package greet\n\n// Hello greets.\nfunc Hello(name string) string { return \"hello \" + name }\n");
        project.WriteFile("api/index.go", """
            // Package handler is the index of the shop.
            package handler

            import (
            	"net/http"

            	"example.com/shop/internal/greet"
            )

            /*
            func Fake(w http.ResponseWriter, r *http.Request) {}
            */

            // helper is not exported, so never a function.
            func helper(w http.ResponseWriter, r *http.Request) {}

            // Handler answers /api and /api/index.
            //
            // It says hello.
            func Handler(w http.ResponseWriter, r *http.Request) {
            	WriteText(w, greet.Hello("index"))
            }
            """);
        project.WriteFile("api/text.go", """
            package handler

            import (
            	"fmt"
            	"net/http"
            )

            // WriteText is an exported helper: it takes a ResponseWriter but no Request.
            func WriteText(w http.ResponseWriter, text string) { fmt.Fprint(w, text) }
            """);
        project.WriteFile("api/extra.go", """
            //go:build extra

            package handler

            import "net/http"

            func Extra(w http.ResponseWriter, r *http.Request) { w.Write([]byte("extra")) }
            """);
        project.WriteFile("api/users/[id].go", """
            package users

            import (
            	"fmt"
            	"net/http"
            )

            func User(w http.ResponseWriter, r *http.Request) {
            	fmt.Fprint(w, "user ", r.URL.Query().Get("id"))
            }
            """);
        project.WriteFile("api/users/me.go", """
            package users

            import web "net/http"

            func Me(w web.ResponseWriter, r *web.Request) { w.Write([]byte("me")) }
            """);
        project.WriteFile("api/users/users_test.go", """
            package users

            import (
            	"net/http"
            	"testing"
            )

            func Fake(w http.ResponseWriter, r *http.Request) {}

            func TestMe(t *testing.T) {}
            """);
        project.WriteFile("api/v2/index.go", """
            package handler

            import (
            	"fmt"
            	"net/http"
            )

            func Handler(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "v2 ", r.Method) }
            """);
        project.WriteFile("api/orders/list/recent.go", """
            package list

            import "net/http"

            func Recent(w http.ResponseWriter, r *http.Request) { w.Write([]byte("recent orders")) }
            """);
        project.WriteProjectFile();
    }

    /// <summary>bin/&lt;cfg&gt;/functions.json as route → "package.Function source", read with System.Text.Json.</summary>
    public static Dictionary<string, string> Manifest(TestProject project, string configuration)
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(project.Path($"bin/{configuration}/functions.json")));
        return manifest.RootElement.GetProperty("routes").EnumerateArray().ToDictionary(
            r => r.GetProperty("route").GetString()!,
            r => $"{r.GetProperty("package").GetString()}.{r.GetProperty("function").GetString()} {r.GetProperty("source").GetString()}");
    }

    /// <summary>Starts a built server on a port the OS chooses (PORT=0), ready once it says where it listens.</summary>
    public static ServerProcess Serve(string binary, string directory) =>
        ServerProcess.Start(binary, [], directory, new Dictionary<string, string?> { ["PORT"] = "0" }, Ready, TimeSpan.FromSeconds(30));

    public static (int Status, string Body) Request(ServerProcess server, string method, string path)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(server.BaseUri, path));
        using var response = client.Send(request);
        var body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        return ((int)response.StatusCode, response.StatusCode == HttpStatusCode.OK ? body : "");
    }

    /// <summary>`go tool nm`: fails on a binary built with -ldflags "-s -w" (no symbol table).</summary>
    public static ProcessResult GoToolNm(TestEnvironment environment, string binary) =>
        ProcessRunner.Run(environment.RealGo.GoExecutable, ["tool", "nm", binary], Path.GetDirectoryName(binary)!,
            new Dictionary<string, string?> { ["GOROOT"] = environment.RealGo.GoRoot });

    /// <summary>Replaces the analyzer built into <paramref name="tools"/> with a script that logs each run and runs it.</summary>
    public static AnalyzerRuns CountAnalyzerRuns(string tools)
    {
        var analyzer = Directory.EnumerateFiles(tools, "functions-analyzer", SearchOption.AllDirectories).Single();
        var real = analyzer + ".real";
        File.Move(analyzer, real);
        var log = analyzer + ".log";
        File.WriteAllText(analyzer, $"#!/bin/sh\necho run >> '{log}'\nexec '{real}' \"$@\"\n");
        analyzer.MakeExecutable();
        return new AnalyzerRuns(log);
    }

    public sealed record AnalyzerRuns(string LogFile)
    {
        public IReadOnlyList<string> Runs => File.Exists(LogFile) ? File.ReadAllLines(LogFile) : [];
    }
}
