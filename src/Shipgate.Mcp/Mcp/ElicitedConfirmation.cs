using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Shipgate.Config;
using Shipgate.Git;
using Shipgate.Record;
using Shipgate.Release;

namespace Shipgate.Mcp;

/// <summary>
/// The confirmation word asked of the person through MCP elicitation: the client shows them a form with the word
/// and what is released, and hands back only what they typed. The model calling the tool never sees the word before
/// it is confirmed: it is in no tool result, log or notification, only in the form the person reads.
/// </summary>
internal sealed class ElicitedConfirmation(McpServer server, TimeSpan patience) : IConfirmationSource
{
    /// <summary>The form's one field.</summary>
    public const string Field = "word";

    public ConfirmationChannel Channel => ConfirmationChannel.McpElicitation;

    public RecordClient? Client { get; } =
        server.ClientInfo is { } client ? new RecordClient(client.Name, client.Version) : null;

    public async Task<string?> AskAsync(ReleaseContext context, ReleasePlan plan, string word, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(patience);
        ElicitResult answer;
        try
        {
            answer = await server.ElicitAsync(new ElicitRequestParams
            {
                Message = Message(context, plan, word),
                RequestedSchema = new ElicitRequestParams.RequestSchema
                {
                    Properties = new Dictionary<string, ElicitRequestParams.PrimitiveSchemaDefinition>
                    {
                        [Field] = new ElicitRequestParams.StringSchema
                        {
                            Title = "Confirmation word",
                            Description = "Type the word shown above, exactly, to release to production. Anything else aborts.",
                        },
                    },
                    Required = [Field],
                },
            }, timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new ReleaseAbortedException(
                $"Release aborted: nobody answered the confirmation form within {Duration.Words(patience)}. Nothing was changed.");
        }

        return answer.Action switch
        {
            "accept" => answer.Content is { } content && content.TryGetValue(Field, out var typed) && typed.ValueKind == System.Text.Json.JsonValueKind.String
                ? typed.GetString() ?? ""
                : "",
            "decline" => throw new ReleaseAbortedException("Release aborted: the person declined the confirmation. Nothing was changed."),
            _ => throw new ReleaseAbortedException("Release aborted: the confirmation was cancelled. Nothing was changed."),
        };
    }

    /// <summary>What the person reads in the form: what is released and the word, as the terminal's CONFIRM RELEASE screen says it.</summary>
    internal static string Message(ReleaseContext context, ReleasePlan plan, string word)
    {
        var config = context.Config;
        return $"PRODUCTION RELEASE of {context.RepositoryName}: {Rendering.Plural.Of(plan.Commits.Count, "commit")}, {Rendering.Plural.Of(plan.PullRequests.Count, "PR")}, " +
            $"{Rendering.Plural.Of(plan.Tickets.Count, "ticket")}. This fast-forwards {config.ProductionBranch} ({Sha.Short(plan.FromSha)}) to " +
            $"{config.StagingBranch} ({Sha.Short(plan.ToSha)}), triggers the production deployment and writes a permanent release record " +
            $"to {config.ArchiveBranch}. It affects live users.\n\nTo release, type the word: {word}\n\nAnything else, Decline or Cancel aborts.";
    }
}
