using Shipgate.Bench;
using Shipgate.Emulators;

// Serves the GitHub and Linear emulators for a benchmark until its input ends, with fixtures built from a
// repository's release range (see ReleaseRange). Usage: Shipgate.Bench.Emulators --repo DIR [--latency-ms 50]
// Prints NAME=VALUE lines (the URLs and tokens), then READY. Each input line "count" prints
// "github=N linear=M", the requests each emulator answered since the last count, and starts counting again.
var repo = Option("--repo") ?? throw new ArgumentException("--repo DIR is required: a clone whose origin/main..origin/staging is released");
var latency = TimeSpan.FromMilliseconds(int.Parse(Option("--latency-ms") ?? "50", System.Globalization.CultureInfo.InvariantCulture));

var range = ReleaseRange.Read(repo);
await using var github = await GitHubEmulator.StartAsync(BenchFixtures.GitHub(range));
await using var linear = await LinearEmulator.StartAsync(BenchFixtures.Linear(range));
github.Faults.Latency = latency;
linear.Faults.Latency = latency;

Console.WriteLine($"GITHUB_API_URL={github.ApiUrl}");
Console.WriteLine($"GH_TOKEN={BenchFixtures.GitHubToken}");
Console.WriteLine($"GITHUB_REPOSITORY={BenchFixtures.Owner}/{BenchFixtures.Name}");
Console.WriteLine($"LINEAR_API_URL={linear.Url}");
Console.WriteLine($"LINEAR_API_KEY={BenchFixtures.LinearKey}");
Console.WriteLine($"PULL_REQUESTS={range.PullRequests.Count}");
Console.WriteLine($"TICKETS={range.Tickets.Count}");
Console.WriteLine("READY");

while (Console.ReadLine() is { } line)
{
    if (line.Trim() != "count") continue;
    Console.WriteLine($"github={github.Requests.Count} linear={linear.Requests.Count}");
    var violations = github.Requests.Concat(linear.Requests).SelectMany(r => r.SpecViolations.Select(v => $"{r.Method} {r.Path}: {v}")).Distinct().Take(5);
    foreach (var violation in violations) Console.Error.WriteLine($"emulator: {violation}");
    github.ClearRequests();
    linear.ClearRequests();
}
return 0;

string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
