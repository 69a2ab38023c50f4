using Shipgate.Record;

namespace Shipgate.Release.Phases;

/// <summary>
/// Phase 4, confirmation. A person types a freshly drawn word, exactly, at the controlling terminal or in an
/// MCP client's form (<see cref="IConfirmationSource"/>): never from piped standard input, so a script that reads
/// the screen cannot confirm a release, and never through the model.
/// Skipped: in a dry run; never otherwise (there is no --yes).
/// Fails: <see cref="ReleaseAbortedException"/> (exit 4) for ABORT, other text, end of input or Ctrl-C;
/// with no terminal the release is refused before anything else runs (<see cref="RequireTerminal"/>, exit 6).
/// </summary>
internal static class Confirmation
{
    /// <summary>The terminal the word will be typed at, opened before pre-flight so that a run without one changes and asks nothing.</summary>
    public static TerminalConfirmation RequireTerminal(ReleaseContext context) =>
        new(context.OpenTerminal() ?? throw new ShipgateException(ExitCode.NoTerminal,
            "shipgate release needs a person at a terminal to type the confirmation word, and this process has no controlling terminal " +
            "(standard input is piped or the session has no tty). The word is never read from piped input.\n\n" +
            "Run shipgate release from an interactive terminal. To see what would ship without releasing, run shipgate release --dry-run. " +
            "To release from GitHub Actions, name the approving environment in the production policy (github.environment) and run " +
            "shipgate release --approved-plan <digest> in a job with `environment:` (README: Releasing from GitHub Actions)."));

    /// <summary>The confirmation from <paramref name="person"/>: evidence judged (a GitHub Environment's approval), else a word drawn now and typed.</summary>
    public static Task<RecordConfirmation> RunAsync(ReleaseContext context, Preflighted preflighted, Gathered gathered, IConfirmationSource person,
        CancellationToken ct) =>
        person is Actions.IConfirmationEvidence evidence ? evidence.ConfirmAsync(context, preflighted, gathered, ct) : RunAsync(context, gathered, person, ct);

    public static Task<RecordConfirmation> RunAsync(ReleaseContext context, Gathered gathered, TextReader terminal, CancellationToken ct) =>
        RunAsync(context, gathered, new TerminalConfirmation(terminal), ct);

    public static async Task<RecordConfirmation> RunAsync(ReleaseContext context, Gathered gathered, IConfirmationSource person, CancellationToken ct)
    {
        var word = ConfirmationWord.Choose(context.Config.ConfirmationWords, [gathered.PreviousWord, context.WordMemory.LastShown()]);
        if (!context.WordMemory.TryRemember(word, out var problem))
            context.Console.MarkupLine($"[yellow]WARNING: {Markup.Escape(problem)}[/]");

        var typed = await person.AskAsync(context, gathered.Plan, word, ct);

        if (typed is null)
            throw new ReleaseAbortedException("Release aborted: no confirmation was typed (end of input). Nothing was changed.");
        typed = typed.TrimEnd('\r');
        if (typed == ConfirmationWord.AbortWord)
            throw new ReleaseAbortedException("Release aborted. Nothing was changed.");
        if (!string.Equals(typed, word, StringComparison.Ordinal))
            throw new ReleaseAbortedException(person.Channel == ConfirmationChannel.Terminal
                ? $"Release aborted: {WordMismatch.Explain(typed, word)}. Nothing was changed."
                // Whatever reads the tool result (a model) must not learn the word from it.
                : "Release aborted: the word entered is not the word shown. Nothing was changed.");

        return new RecordConfirmation(word, typed, context.Now(), person.Channel, person.Client);
    }
}
