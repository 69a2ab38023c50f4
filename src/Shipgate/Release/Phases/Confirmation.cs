using Shipgate.Record;
using Shipgate.Rendering;

namespace Shipgate.Release.Phases;

/// <summary>
/// Phase 4, confirmation. A person types a freshly drawn word, exactly, at the controlling terminal:
/// never from piped standard input, so a script that reads the screen cannot confirm a release.
/// Skipped: in a dry run; never otherwise (there is no --yes).
/// Fails: <see cref="ReleaseAbortedException"/> (exit 4) for ABORT, other text, end of input or Ctrl-C;
/// with no terminal the release is refused before anything else runs (<see cref="RequireTerminal"/>, exit 6).
/// </summary>
internal static class Confirmation
{
    /// <summary>The terminal the word will be typed at, opened before pre-flight so that a run without one changes and asks nothing.</summary>
    public static TextReader RequireTerminal(ReleaseContext context) =>
        context.OpenTerminal() ?? throw new ShipgateException(ExitCode.NoTerminal,
            "shipgate release needs a person at a terminal to type the confirmation word, and this process has no controlling terminal " +
            "(standard input is piped or the session has no tty). The word is never read from piped input.\n\n" +
            "Run shipgate release from an interactive terminal. To see what would ship without releasing, run shipgate release --dry-run.");

    public static async Task<RecordConfirmation> RunAsync(ReleaseContext context, Gathered gathered, TextReader terminal, CancellationToken ct)
    {
        var word = ConfirmationWord.Choose(context.Config.ConfirmationWords, [gathered.PreviousWord, context.WordMemory.LastShown()]);
        if (!context.WordMemory.TryRemember(word, out var problem))
            context.Console.MarkupLine($"[yellow]WARNING: {Markup.Escape(problem)}[/]");

        Screens.Confirm(context.Console, context, gathered.Plan, word);
        var typed = await ReadLineAsync(terminal, ct);
        context.Console.WriteLine();

        if (typed is null)
            throw new ReleaseAbortedException("Release aborted: no confirmation was typed (end of input). Nothing was changed.");
        typed = typed.TrimEnd('\r');
        if (typed == ConfirmationWord.AbortWord)
            throw new ReleaseAbortedException("Release aborted. Nothing was changed.");
        if (!string.Equals(typed, word, StringComparison.Ordinal))
            throw new ReleaseAbortedException($"Release aborted: you typed \"{SafeText.OneLine(typed)}\", not {word}. Nothing was changed.");

        return new RecordConfirmation(word, typed, context.Now(), ConfirmationChannel.Terminal);
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
