namespace Shipgate.Emulators;

/// <summary>
/// Finds the official API descriptions: the repository's own copy in <c>specs/</c> (a clone alone
/// builds, runs and tests), found by searching upwards from the binaries.
/// </summary>
public static class SpecFiles
{
    /// <summary>Overrides the search when set: the folder holding the spec files.</summary>
    public const string EnvironmentVariable = "SHIPGATE_SPECS_DIR";

    private static readonly Lazy<string> Dir = new(Locate);

    /// <summary>The folder holding github-rest.openapi.json, jira-platform.openapi.json and the two GraphQL schemas.</summary>
    public static string Directory => Dir.Value;

    public static string GitHubRest => Path.Combine(Directory, "github-rest.openapi.json");
    public static string GitHubGraphQL => Path.Combine(Directory, "github.schema.graphql");
    public static string LinearGraphQL => Path.Combine(Directory, "linear.schema.graphql");
    public static string JiraRest => Path.Combine(Directory, "jira-platform.openapi.json");

    private static string Locate()
    {
        var fromEnv = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(fromEnv))
        {
            return File.Exists(Path.Combine(fromEnv, "github.schema.graphql"))
                ? fromEnv
                : throw new DirectoryNotFoundException($"{EnvironmentVariable}={fromEnv} holds no github.schema.graphql");
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "specs");
            if (File.Exists(Path.Combine(candidate, "github.schema.graphql")))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException(
            $"No specs/github.schema.graphql above {AppContext.BaseDirectory}; set {EnvironmentVariable}.");
    }
}
