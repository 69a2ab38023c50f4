namespace Shipgate.Release;

/// <summary>
/// What the run does with a closed gate, chosen once by <see cref="ReleasePipeline"/>: a release stops at the first
/// (<see cref="ReleaseBlockedException"/>, exit 3); a dry run (and so --json and MCP's plan) shows it, goes on and keeps them all.
/// </summary>
internal sealed class GateRunner(IAnsiConsole console, bool collect)
{
    private readonly List<WouldBlock> closed = [];

    /// <summary>The gates found closed so far (only ever filled in a dry run).</summary>
    public IReadOnlyList<WouldBlock> Closed => closed;

    /// <summary>The runner for this run's mode: a dry run collects, a release stops.</summary>
    public static GateRunner For(ReleaseContext context) => new(context.Console, collect: context.Options.DryRun);

    /// <summary>Passes an open gate (null); stops a release at a closed one, or notes it for a dry run.</summary>
    public void Pass(WouldBlock? gate)
    {
        if (gate is null) return;
        if (!collect) throw new ReleaseBlockedException(gate.Message);
        if (gate.Notice is { } notice)
        {
            if (notice.Markup is { } markup) console.MarkupLine(markup);
            if (notice.Plain is { } plain) console.WriteLine(plain);
            console.WriteLine();
        }
        closed.Add(gate);
    }
}
