using Shipgate.Record;
using Shipgate.Rendering;

namespace Shipgate.Release;

/// <summary>
/// Where a person types the confirmation word: the controlling terminal, or a form an MCP client shows
/// them (elicitation). Never piped input and never the model: the word goes to the person and back.
/// </summary>
internal interface IConfirmationSource
{
    ConfirmationChannel Channel { get; }

    /// <summary>The MCP client the person answered in, for the record; null at the terminal.</summary>
    RecordClient? Client { get; }

    /// <summary>
    /// Shows the person the word and what is released and returns what they typed; null: end of input.
    /// A source that knows why no word came (declined, cancelled) throws <see cref="ReleaseAbortedException"/> saying so.
    /// </summary>
    Task<string?> AskAsync(ReleaseContext context, ReleasePlan plan, string word, CancellationToken ct);
}

/// <summary>The word typed at the controlling terminal, after the CONFIRM RELEASE screen.</summary>
internal sealed class TerminalConfirmation(TextReader terminal) : IConfirmationSource, IDisposable
{
    public ConfirmationChannel Channel => ConfirmationChannel.Terminal;
    public RecordClient? Client => null;

    public async Task<string?> AskAsync(ReleaseContext context, ReleasePlan plan, string word, CancellationToken ct)
    {
        ConfirmScreen.Show(context.Console, context.Config, context.RepositoryName, plan.Commits.Count, context.Options.Emergency, word);
        var typed = await ReadLineAsync(ct);
        context.Console.WriteLine();
        return typed;
    }

    /// <summary>Reads one line, giving up at once on Ctrl-C (the blocked read is left behind, harmlessly).</summary>
    private async Task<string?> ReadLineAsync(CancellationToken ct)
    {
        var read = Task.Run(terminal.ReadLine, CancellationToken.None);
        var cancelled = Task.Delay(Timeout.Infinite, ct);
        if (await Task.WhenAny(read, cancelled) != read)
            throw new ReleaseAbortedException("Release aborted (interrupted). Nothing was changed.");
        return await read;
    }

    public void Dispose() => terminal.Dispose();
}
