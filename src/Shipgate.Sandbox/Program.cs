using Shipgate.Cli;
using Shipgate.Emulators;
using Shipgate.Sandbox;
using Shipgate.Testing;

// The README's first command: builds a throw-away repository with a bare origin, then runs
// `shipgate release` in it, so anyone can see a whole release with no accounts and no network.
// Extra arguments go to `shipgate release` (for example --dry-run).
var root = Path.Combine(Path.GetTempPath(), $"shipgate-sandbox-{DateTime.UtcNow:yyyyMMdd-HHmmss}");
Console.WriteLine($"Creating the sandbox repository in {root} ...");
var scenario = DemoRepository.Create(root);
Console.WriteLine($"Releaser's clone: {scenario.Releaser}   (origin: {scenario.Origin})");
Console.WriteLine();

var environment = new Dictionary<string, string?> { ["XDG_STATE_HOME"] = Path.Combine(root, "state") };
// Linear, played by the emulator: real ticket tables in the summary, and the release comments land there.
await using var linear = await LinearEmulator.StartAsync(DemoLinear.Workspace());
environment["LINEAR_API_KEY"] = DemoLinear.ApiKey;
environment["LINEAR_API_URL"] = linear.Url;
// GitHub, played by the emulator: CI checks, reviews, the open-PR warning and the deployment run.
await using var github = await DemoGitHub.StartAsync(scenario);
foreach (var (name, value) in github.Environment) environment[name] = value;
var host = CliHost.FromProcess() with
{
    WorkingDirectory = scenario.Releaser,
    Environment = name => environment.TryGetValue(name, out var value) ? value : Environment.GetEnvironmentVariable(name),
};
string[] release = ["release", .. args];
var code = await ShipgateCli.RunAsync(release, host);
Console.WriteLine();
foreach (var comment in DemoLinear.Comments(linear)) Console.WriteLine($"Linear comment on {comment}");
Console.WriteLine();
Console.WriteLine($"Sandbox left in {root}: look at origin's compliance-archives branch with");
Console.WriteLine($"  git -C {scenario.Origin} log --stat compliance-archives");
return code;
