using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Shipgate.Audit;
using Shipgate.Config;
using Shipgate.Emulators;
using Shipgate.Sandbox;
using Shipgate.Testing;
using Shipgate.Tests.Config;
using Shipgate.Tests.Support;

namespace Shipgate.Tests.Install;

/// <summary>
/// The README's native install (<c>dotnet publish -r linux-x64 -p:PublishAot=true</c>), published once for the class, then run as a
/// process through every command: trimming and native compilation must leave YAML, JSON, HTTP, git and MCP working, not just --version.
/// </summary>
[Trait("Category", "Integration")]
[Collection(InstallTests.Collection)]
public sealed class NativeInstallTests(NativeInstallTests.NativeBuild build) : IClassFixture<NativeInstallTests.NativeBuild>
{
    /// <summary>The native shipgate, published once for all the tests of the class; null where linux-x64 cannot run it.</summary>
    public sealed class NativeBuild : IDisposable
    {
        private readonly TempFolder _folder = new();

        public NativeBuild()
        {
            if (!OperatingSystem.IsLinux() || RuntimeInformation.OSArchitecture != Architecture.X64) return;
            var output = Path.Combine(_folder.Path, "out");
            var project = Path.Combine(ConfigSchemaTests.RepositoryRoot(), "src", "Shipgate");
            Publish = Run("dotnet", null, [], "publish", project, "-c", "Release", "-r", "linux-x64", "-p:PublishAot=true", "-o", output);
            File = Path.Combine(output, "shipgate");
            Output = output;
        }

        public Ran Publish { get; } = new(0, "", "");

        public string? File { get; }

        public string? Output { get; }

        public void Dispose() => _folder.Dispose();
    }

    /// <summary>A finished process: its exit code, standard output and standard error.</summary>
    public sealed record Ran(int Code, string Stdout, string Stderr)
    {
        public string Output => Stdout + Stderr;
    }

    /// <summary>Runs a program with only PATH and HOME from this process and the given variables (no CI token leaks in).</summary>
    private static Ran Run(string file, string? folder, Dictionary<string, string?> environment, params string[] args)
    {
        var start = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = folder ?? "" };
        Keep(start, environment);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return new Ran(process.ExitCode, output, error.Result);
    }

    private static void Keep(ProcessStartInfo start, Dictionary<string, string?> environment)
    {
        var kept = start.Environment.Where(e => e.Key is "PATH" or "HOME" or "DOTNET_ROOT" or "NUGET_PACKAGES").ToList();
        start.Environment.Clear();
        foreach (var (name, value) in kept) start.Environment[name] = value;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment) start.Environment[name] = value;
    }

    /// <summary>False where the native file is not for this machine (the test then has nothing to run).</summary>
    private bool Built()
    {
        if (build.File is null) return false;
        Assert.True(build.Publish.Code == 0, build.Publish.Output);
        return true;
    }

    [Fact]
    public void The_native_file_needs_no_dotnet_and_prints_its_version_and_help()
    {
        if (!Built()) return;

        // Native code: an ELF file, and no managed assembly beside it for a runtime to load.
        Assert.Equal("\u007fELF"u8.ToArray(), System.IO.File.ReadAllBytes(build.File!)[..4]);
        Assert.Empty(Directory.GetFiles(build.Output!, "*.dll"));
        var version = Run(build.File!, null, [], "--version");
        Assert.Equal(0, version.Code);
        Assert.Matches(@"^shipgate \d+\.\d+\.\d+\S* \(commit [0-9a-f]{7,40}\)\s*$", version.Output);
        var help = Run(build.File!, null, [], "--help");
        Assert.True(help.Code == 0, help.Output);
        foreach (var command in new[] { "release", "audit", "mcp", "init", "doctor" })
            Assert.Contains(command, help.Output);
        var typo = Run(build.File!, null, [], "relase");
        Assert.Equal((int)ExitCode.Usage, typo.Code);
        Assert.Contains("Did you mean 'release'?", typo.Output);
        // Under --json a command line it cannot parse is the JSON error document alone on stdout, exit 2.
        var jsonTypo = Run(build.File!, null, [], "release", "--json", "--dryrun");
        Assert.Equal((int)ExitCode.Usage, jsonTypo.Code);
        Assert.Empty(RecordSchemas.ValidateError(System.Text.Encoding.UTF8.GetBytes(jsonTypo.Stdout)));
        Assert.Equal(2, JsonNode.Parse(jsonTypo.Stdout)!["error"]!["exit_code"]!.GetValue<int>());
        Assert.Contains("Did you mean '--dry-run'?", jsonTypo.Stderr);
    }

    [Fact]
    public async Task In_the_sandbox_init_doctor_dry_run_verify_and_report_work_as_with_the_dotnet_tool()
    {
        if (!Built()) return;
        using var temp = new TempFolder();
        var (scenario, environment, github, linear) = await SandboxAsync(temp.Path);
        await using var stopGitHub = github;
        await using var stopLinear = linear;

        // init: the policy it writes (YAML read by the generated context) loads.
        var policy = Path.Combine(scenario.Releaser, ConfigLoader.FileName);
        System.IO.File.Delete(policy);
        var init = Run(build.File!, scenario.Releaser, environment, "init");
        Assert.True(init.Code == 0, init.Output);
        Assert.Equal("origin", ConfigLoader.Parse(System.IO.File.ReadAllText(policy), policy).Remote);

        var doctor = Run(build.File!, scenario.Releaser, environment, "doctor");
        Assert.Contains("[ok] config: origin/main:.shipgate.yml loads", doctor.Output);
        Assert.Contains("[ok] GitHub", doctor.Output);

        // The dry run: git, the policy, GitHub (REST and GraphQL) and Linear through HttpClient and the resilience pipeline.
        var dryRun = Run(build.File!, scenario.Releaser, environment, "release", "--dry-run");
        Assert.True(dryRun.Code == 0, dryRun.Output);
        Assert.Contains("PRODUCTION RELEASE SUMMARY", dryRun.Output);
        Assert.Contains("BOL-407", dryRun.Output);
        var plan = Run(build.File!, scenario.Releaser, environment, "release", "--dry-run", "--json");
        Assert.True(plan.Code == 0, plan.Output);
        Assert.Equal("would_release", JsonNode.Parse(plan.Stdout)!["verdict"]!.GetValue<string>());

        var verify = Run(build.File!, scenario.Releaser, environment, "audit", "verify", "--json");
        Assert.True(verify.Code == 0, verify.Output);
        Assert.True(JsonNode.Parse(verify.Stdout)!["ok"]!.GetValue<bool>());

        var report = Path.Combine(temp.Path, "evidence.html");
        var written = Run(build.File!, scenario.Releaser, environment, "audit", "report", "--since", "2020-01-01", "--until", "2099-12-31",
            "--format", "html", "--out", report);
        Assert.True(written.Code == 0, written.Output);
        Assert.Contains("<html", System.IO.File.ReadAllText(report));
    }

    [Fact]
    public async Task Mcp_answers_initialize_lists_its_tools_and_plans_a_release_over_stdio()
    {
        if (!Built()) return;
        using var temp = new TempFolder();
        var (scenario, environment, github, linear) = await SandboxAsync(temp.Path);
        await using var stopGitHub = github;
        await using var stopLinear = linear;
        var start = new ProcessStartInfo(build.File!, ["mcp"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = scenario.Releaser,
        };
        Keep(start, environment);
        using var server = Process.Start(start)!;
        _ = server.StandardError.ReadToEndAsync();

        async Task<JsonNode> Ask(int id, string method, JsonObject parameters)
        {
            var request = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = parameters };
            await server.StandardInput.WriteLineAsync(request.ToJsonString());
            await server.StandardInput.FlushAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var line = await server.StandardOutput.ReadLineAsync(timeout.Token);
            var answer = JsonNode.Parse(line ?? "null");
            Assert.True(answer?["result"] is not null, line);
            Assert.Equal(id, answer!["id"]!.GetValue<int>());
            return answer["result"]!;
        }

        var initialized = await Ask(1, "initialize", new()
        {
            ["protocolVersion"] = "2025-06-18",
            ["capabilities"] = new JsonObject(),
            ["clientInfo"] = new JsonObject { ["name"] = "install-test", ["version"] = "1.0" },
        });
        Assert.Equal("shipgate", initialized["serverInfo"]!["name"]!.GetValue<string>());
        await server.StandardInput.WriteLineAsync("""{"jsonrpc":"2.0","method":"notifications/initialized"}""");

        var tools = (await Ask(2, "tools/list", []))["tools"]!.AsArray();
        Assert.Equal(["release_plan", "release", "audit_verify", "audit_report"], tools.Select(t => t!["name"]!.GetValue<string>()));
        var planArguments = tools[0]!["inputSchema"]!["properties"]!.AsObject().Select(p => p.Key);
        Assert.Equal(["emergency", "allow_unverified_ci"], planArguments);

        // A tool call: its arguments bound and its result (structured content) written without reflection.
        var plan = await Ask(3, "tools/call", new() { ["name"] = "release_plan", ["arguments"] = new JsonObject() });
        Assert.NotEqual(true, plan["isError"]?.GetValue<bool>());
        Assert.Equal("would_release", plan["structuredContent"]!["verdict"]!.GetValue<string>());

        server.StandardInput.Close();
        Assert.True(server.WaitForExit(TimeSpan.FromSeconds(30)), "shipgate mcp did not end when its client closed stdin");
        Assert.Equal(0, server.ExitCode);
    }

    /// <summary>The README's sandbox: the demo repository with GitHub and Linear played by emulators, and the environment that reaches them.</summary>
    private static async Task<(GitScenario, Dictionary<string, string?>, DemoGitHub, LinearEmulator)> SandboxAsync(string root)
    {
        var scenario = DemoRepository.Create(Path.Combine(root, "sandbox"));
        var linear = await LinearEmulator.StartAsync(DemoLinear.Workspace());
        var github = await DemoGitHub.StartAsync(scenario);
        var environment = new Dictionary<string, string?>(github.Environment.Where(e => e.Value is not null))
        {
            ["XDG_STATE_HOME"] = Path.Combine(root, "state"),
            ["LINEAR_API_KEY"] = DemoLinear.ApiKey,
            ["LINEAR_API_URL"] = linear.Url,
        };
        return (scenario, environment, github, linear);
    }
}
