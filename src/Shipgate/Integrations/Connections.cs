using Shipgate.Config;

namespace Shipgate.Integrations;

/// <summary>
/// Decides which integrations a run has, from configuration and the environment. Secrets come
/// only from the environment and are registered for redaction before anything can print them.
/// </summary>
public static class Connections
{
    public static readonly string[] SecretVariables = ["GH_TOKEN", "GITHUB_TOKEN", "LINEAR_API_KEY"];

    public static Secrets SecretsFrom(Func<string, string?> environment)
    {
        var secrets = new Secrets();
        foreach (var name in SecretVariables) secrets.Add(environment(name));
        return secrets;
    }

    public static (ICodeHost? Host, string? Missing) CodeHost(ShipgateConfig config, RepositoryAddress? address, Func<string, string?> environment, Secrets secrets) =>
        (null, "GitHub is not connected (GH_TOKEN / GITHUB_TOKEN not used yet by this version)");

    public static (ITicketTracker? Tracker, string? Missing) Tracker(ShipgateConfig config, Func<string, string?> environment, Secrets secrets) =>
        (null, "Linear is not connected (LINEAR_API_KEY not used yet by this version)");
}
