namespace Shipgate.Release;

/// <summary>
/// A closed gate, as the gate itself finds it; the gate never asks whether this is a dry run. The runner
/// (<see cref="GateRunner"/>) decides: a release stops with <see cref="Message"/> at the first, a dry run shows
/// <see cref="Notice"/> where the gate stands, goes on, and names every gate at the end (exit 3).
/// </summary>
/// <param name="Reason">One line for the dry run's list at the end and the plan document.</param>
/// <param name="Flag">The option that lets a release past this gate, with its reason placeholder; null when only a fix will do.</param>
/// <param name="Message">The refusal a release stops with, word for word.</param>
/// <param name="Notice">What a dry run shows where the gate stands; null when the list at the end says it all.</param>
internal sealed record WouldBlock(string Reason, string? Flag, string Message, GateNotice? Notice = null);

/// <summary>A dry run's word at a closed gate: a markup line, then a plain one, then a blank line.</summary>
internal sealed record GateNotice(string? Markup, string? Plain = null)
{
    /// <summary>The refusal in yellow, and that the dry run goes on past it.</summary>
    public static GateNotice GoesOn(string message) =>
        new($"[yellow]{Spectre.Console.Markup.Escape(message)}[/]", "A release now would stop here; the dry run goes on to show everything.");
}

/// <summary>What a dry run found: the pre-flight and gather results and the gates that would stop a release now.</summary>
internal sealed record DryRunResult(Preflighted Preflighted, Gathered Gathered, IReadOnlyList<WouldBlock> Blockers);
