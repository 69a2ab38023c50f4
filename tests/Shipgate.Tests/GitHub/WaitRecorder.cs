using Shipgate.Integrations;

namespace Shipgate.Tests.GitHub;

/// <summary>Keeps what a client tells the status line, in order; reports may come from a timer.</summary>
internal sealed class WaitRecorder : IProgress<ApiWait>
{
    private readonly List<ApiWait> _waits = [];

    public IReadOnlyList<ApiWait> All
    {
        get { lock (_waits) return [.. _waits]; }
    }

    public IReadOnlyList<ApiWait> Retries => [.. All.Where(w => w.Kind == ApiWaitKind.Retrying)];

    public void Report(ApiWait value)
    {
        lock (_waits) _waits.Add(value);
    }
}
