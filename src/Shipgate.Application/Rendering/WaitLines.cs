using Shipgate.Integrations;

namespace Shipgate.Rendering;

/// <summary>
/// The status line of waiting: each retry and each slow answer from GitHub or Linear as one grey
/// line (service, request, attempt n of m, why, how long), so a release never waits in silence.
/// Reports may come from a timer while the release writes too, hence the lock.
/// </summary>
internal sealed class WaitLines(IAnsiConsole console, Secrets secrets) : IProgress<ApiWait>
{
    private readonly Lock _gate = new();

    public void Report(ApiWait value)
    {
        lock (_gate)
            console.MarkupLine($"[grey]{SafeText.Markup(secrets.Redact(value.Line))}[/]");
    }
}
