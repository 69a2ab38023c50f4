using Shipgate.Record;
using Shipgate.Rendering;

namespace Shipgate.Release.Phases;

/// <summary>
/// Phase 4. The releaser types a freshly drawn word, exactly. Never skippable: there is no --yes.
/// ABORT, any other text, end of input or Ctrl-C ends the release with nothing changed.
/// </summary>
public sealed class Confirmation : IReleasePhase
{
    public string Name => "confirmation";

    public string? SkipReason(ReleaseContext context) => context.Options.DryRun ? "dry run" : null;

    public async Task<PhaseOutcome> RunAsync(ReleaseContext context, CancellationToken ct)
    {
        var word = ConfirmationWord.Choose(context.Config.ConfirmationWords, [context.PreviousWord, context.WordMemory.LastShown()]);
        if (context.WordMemory.Remember(word) is { } problem)
            context.Console.MarkupLine($"[yellow]WARNING: {Spectre.Console.Markup.Escape(problem)}[/]");

        Screens.Confirm(context.Console, context, word);
        var typed = await ReadLineAsync(context.Input, ct);
        context.Console.WriteLine();

        if (typed is null)
            throw new ReleaseAbortedException("Release aborted: no confirmation was typed (end of input). Nothing was changed.");
        typed = typed.TrimEnd('\r');
        if (typed == ConfirmationWord.AbortWord)
            throw new ReleaseAbortedException("Release aborted. Nothing was changed.");
        if (!string.Equals(typed, word, StringComparison.Ordinal))
            throw new ReleaseAbortedException($"Release aborted: you typed \"{SafeText.OneLine(typed)}\", not {word}. Nothing was changed.");

        context.Confirmation = new RecordConfirmation(word, typed, context.Now());
        return PhaseOutcome.Continue;
    }

    /// <summary>Reads one line, giving up at once on Ctrl-C (the blocked read is left behind, harmlessly).</summary>
    private static async Task<string?> ReadLineAsync(TextReader input, CancellationToken ct)
    {
        var read = Task.Run(input.ReadLine, CancellationToken.None);
        var cancelled = Task.Delay(Timeout.Infinite, ct);
        if (await Task.WhenAny(read, cancelled) != read)
            throw new ReleaseAbortedException("Release aborted (interrupted). Nothing was changed.");
        return await read;
    }
}
