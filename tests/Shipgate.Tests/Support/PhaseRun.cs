using Shipgate.Integrations;
using Shipgate.Release;

namespace Shipgate.Tests.Support;

/// <summary>A release context over a real scenario repository, with the services the test hands in and a captured console.</summary>
internal sealed class PhaseRun
{
    private readonly StringWriter _output = new();

    public PhaseRun(ReleaseScenario scenario, ReleaseOptions options, ICodeHost? codeHost = null, ITicketTracker? tracker = null, TimeProvider? clock = null)
    {
        var console = CapturedConsole.Create(_output);
        var env = new Dictionary<string, string?> { ["XDG_STATE_HOME"] = Path.Combine(scenario.Folder, "state") };
        var host = new CliHost(console, () => null, name => env.GetValueOrDefault(name), clock ?? TimeProvider.System, scenario.Git.Releaser);
        var context = ReleaseSetup.OpenAsync(host, options, scenario.Git.Releaser, Secrets.None, CancellationToken.None).GetAwaiter().GetResult();
        Context = context with
        {
            CodeHost = codeHost is null ? Integration<ICodeHost>.Unavailable("no GitHub in this test") : Integration<ICodeHost>.Available(codeHost),
            Tracker = tracker is null ? Integration<ITicketTracker>.Unavailable("no Linear in this test") : Integration<ITicketTracker>.Available(tracker),
        };
    }

    public ReleaseContext Context { get; }

    public string Output => _output.ToString();
}
