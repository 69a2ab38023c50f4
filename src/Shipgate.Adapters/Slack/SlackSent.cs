namespace Shipgate.Slack;

/// <summary>
/// What this clone has sent to Slack, per release: a webhook keeps no history that could be asked, so the clone
/// remembers, in its git folder (<c>shipgate/slack-sent/&lt;release-id&gt;</c>, one line per message), and
/// <c>--resume</c> from it never sends a message twice. Nothing secret is kept: only the kind of message.
/// </summary>
internal sealed class SlackSent(string folder)
{
    public const string Announcement = "announcement";

    /// <summary>The message that tells how the deployment ended; a different ending is a different message.</summary>
    public static string Outcome(string word) => $"outcome {word}";

    public static SlackSent In(string commonGitFolder) => new(Path.Combine(commonGitFolder, "shipgate", "slack-sent"));

    public bool Has(string releaseId, string message)
    {
        var file = FileOf(releaseId);
        return File.Exists(file) && File.ReadAllLines(file).Contains(message, StringComparer.Ordinal);
    }

    /// <summary>Remembers a message Slack took. False when it could not be written down (the next --resume sends it again).</summary>
    public bool Remember(string releaseId, string message)
    {
        try
        {
            Directory.CreateDirectory(folder);
            File.AppendAllLines(FileOf(releaseId), [message]);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Release ids are made by Shipgate (release-YYYY-MM-DD-HHMMSS[-N]); anything else never names a path.</summary>
    private string FileOf(string releaseId) =>
        releaseId.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') && releaseId.Length > 0
            ? Path.Combine(folder, releaseId)
            : throw new ArgumentException($"'{releaseId}' is not a release id.", nameof(releaseId));
}
