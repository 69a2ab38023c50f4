using Shipgate.Git;
using Shipgate.Integrations;
using Shipgate.Rendering;

namespace Shipgate.Audit;

/// <summary>Finds the <see cref="Reviewer"/> running a review: git's identity, and the GitHub login behind the token when there is one.</summary>
internal static class ReviewerIdentity
{
    public static async Task<Reviewer> IdentifyAsync(GitRepository git, ICodeHost? codeHost, IAnsiConsole console, Secrets secrets, CancellationToken ct)
    {
        var identity = await git.IdentityAsync(ct);
        if (string.IsNullOrWhiteSpace(identity.Email))
            throw new UsageException(
                "git config user.email is empty: a review names its reviewer by email. Set it to your own address (git config user.email you@example.com).");
        string? login = null;
        if (codeHost is not null)
        {
            try
            {
                login = await codeHost.GetViewerLoginAsync(ct);
            }
            catch (ShipgateException e) when (!ct.IsCancellationRequested)
            {
                // An Actions token cannot read /user: the email still separates duties.
                console.MarkupLine($"[yellow]WARNING: the GitHub login behind the token is unknown ({SafeText.Markup(secrets.Redact(e.Message))}); " +
                    "the review names you by git identity only.[/]");
            }
        }
        return new Reviewer(SafeText.OneLine(identity.Name), SafeText.OneLine(identity.Email), login is null ? null : SafeText.OneLine(login));
    }
}
