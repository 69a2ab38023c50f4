using System.Text;

namespace Shipgate.Audit.Org;

/// <summary>
/// The cache is a folder anyone with the auditor's account can write to, so nothing in it is trusted: its config is
/// written whole before each use (a command, hook path or other source planted in it is gone), git runs in it without
/// hooks or replace refs, reaches only https, ssh and local sources and checks every object it fetches (fsck), and a folder holding what Shipgate never makes
/// there is made anew. Pure.
/// </summary>
internal static class CacheConfig
{
    /// <summary>Git's options for every process in the cache; they win over any config file.</summary>
    public static readonly IReadOnlyList<string> GitOptions =
    [
        "--no-replace-objects",
        "-c", "core.hooksPath=/dev/null",
        "-c", "protocol.allow=never",
        "-c", "protocol.https.allow=always",
        "-c", "protocol.ssh.allow=always",
        "-c", "protocol.file.allow=always",
        // Every object a fetch brings in is checked as it arrives: a malformed one is refused, never verified.
        "-c", "fetch.fsckObjects=true",
        "-c", "transfer.fsckObjects=true",
    ];

    /// <summary>
    /// Files that make git read objects or history from elsewhere (alternates, grafts, a shallow boundary, another
    /// repository's folder): Shipgate never makes them, so a cache that has one is made anew.
    /// </summary>
    public static readonly IReadOnlyList<string> Foreign =
        ["objects/info/alternates", "objects/info/http-alternates", "info/grafts", "shallow", "commondir", "gitdir"];

    /// <summary>The whole config of a cache folder: the source, the cache itself as the operator's remote, nothing else.</summary>
    /// <param name="remote">The remote verify reads (<c>SHIPGATE_REMOTE</c>): the cache itself, at <paramref name="folder"/>.</param>
    public static string Text(string sourceUrl, string remote, string folder)
    {
        var text = new StringBuilder();
        text.Append("[core]\n\trepositoryformatversion = 1\n\tbare = true\n\tlogAllRefUpdates = false\n");
        text.Append($"[extensions]\n\tpartialClone = {Value(RepositoryCache.SourceRemote)}\n");
        text.Append("[gc]\n\tauto = 0\n");
        text.Append($"[remote {Subsection(RepositoryCache.SourceRemote)}]\n\turl = {Value(sourceUrl)}\n\tpromisor = true\n");
        // A local repository only filters when its upload-pack is told it may; the source's own config is never touched.
        if (sourceUrl.StartsWith("file://", StringComparison.OrdinalIgnoreCase))
            text.Append($"\tuploadpack = {Value("git -c uploadpack.allowFilter=true -c uploadpack.allowAnySHA1InWant=true upload-pack")}\n");
        text.Append($"[remote {Subsection(remote)}]\n\turl = {Value(folder)}\n");
        return text.ToString();
    }

    /// <summary>A config value, always quoted: backslash, quote and line breaks escaped as git reads them.</summary>
    private static string Value(string value) =>
        "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n").Replace("\t", "\\t") + "\"";

    /// <summary>A subsection name ([remote "name"]): git reads only \\ and \" escapes there.</summary>
    private static string Subsection(string name) => "\"" + name.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
