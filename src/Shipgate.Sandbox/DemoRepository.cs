using Shipgate.Testing;

namespace Shipgate.Sandbox;

/// <summary>
/// The sandbox's story: a staging branch three PRs and one hot-fix ahead of main, merged the ways
/// teams do (merge commit, squash), with tickets in branch names and titles, and compliance
/// archives for some PRs. Small enough to read in one screen.
/// </summary>
internal static class DemoRepository
{
    public const string Config = """
        # Shipgate configuration for the sandbox repository.
        tickets:
          keys: [BOL]
        areas:
          web:
            title: Web Dashboard
            paths: ["web/**"]
          algo:
            title: Algorithm Service
            paths: ["algo/**"]
          infra:
            title: Infrastructure
            paths: ["infra/**", ".github/**"]
        github:
          repository: acme/demo-service   # origin is a local folder here; on GitHub, the remote URL says it
          required_checks: [build, test]
        deploy:
          monitor_url: https://console.example.com/run?project=demo
        """;

    public static GitScenario Create(string root)
    {
        var scenario = GitScenario.Create(root);
        scenario.DirectCommit("staging", "chore: add Shipgate configuration", new() { [".shipgate.yml"] = Config + "\n" });
        scenario.Dev("checkout", "--quiet", "main");
        scenario.Dev("merge", "--quiet", "--ff-only", "staging");
        scenario.Dev("push", "--quiet", "origin", "main");

        scenario.MergePullRequest(101, "dev/bol-407-session-auth", "BOL-407: Session auth for browser API endpoints",
            ("Add session cookie middleware", new() { ["web/auth/session.ts"] = "export const session = true;\n" }),
            ("Protect browser API routes", new() { ["web/api/routes.ts"] = "export const routes = ['/api'];\n" }));
        scenario.SquashPullRequest(102, "BOL-396: Simplify velocity RMS",
            new() { ["algo/velocity.py"] = "def rms(xs):\n    return (sum(x * x for x in xs) / len(xs)) ** 0.5\n" });
        scenario.MergePullRequest(103, "infra/archive-branch", "Compliance archives on dedicated branch",
            ("Move archives to their own branch", new() { ["infra/archive.sh"] = "#!/bin/sh\necho archive\n" }));
        scenario.DirectCommit("staging", "docs: fix typo in README", new() { ["README.md"] = "# Demo service\n\nReleased with Shipgate.\n" });

        scenario.AddArchiveFiles("compliance-archives", new()
        {
            ["compliance/pr-101-BOL-407-session-auth-20261102.json"] = "{\"pr\": 101, \"checks\": \"passed\"}\n",
            ["compliance/pr-10-BOL-12-old-change-20260101.json"] = "{\"pr\": 10}\n",
            ["compliance/pr-102-BOL-396-velocity-rms-20261102.json"] = "{\"pr\": 102, \"checks\": \"passed\"}\n",
        });
        scenario.UpdateReleaser();
        return scenario;
    }
}
