using System.Text.Json;
using Json.Schema;
using Shipgate.Record;

namespace Shipgate.Audit;

/// <summary>
/// The published JSON Schemas of the records (<c>schemas/</c> in the repository, embedded in the
/// tool), so verify checks every record against exactly what is published.
/// </summary>
internal static class RecordSchemas
{
    private static readonly Lazy<JsonSchema> Release = new(() => Load("release-record.v1.json"));
    private static readonly Lazy<JsonSchema> Review = new(() => Load("review-record.v1.json"));
    private static readonly Lazy<JsonSchema> Deployment = new(() => Load("deployment-record.v1.json"));
    private static readonly Lazy<JsonSchema> Freeze = new(() => Load("freeze-record.v1.json"));

    private static readonly Lazy<JsonSchema> Plan = new(() => Load(PlanSchema));

    /// <summary>The published schema of <c>release --dry-run --json</c> and the MCP release_plan tool's structured content.</summary>
    public const string PlanSchema = "release-plan.v1.json";

    private static JsonSchema Load(string name) =>
        JsonSchema.FromText(Text(name), new BuildOptions { SchemaRegistry = new SchemaRegistry() });

    /// <summary>A published schema's text, as embedded from <c>schemas/</c>.</summary>
    public static string Text(string name)
    {
        using var stream = typeof(RecordSchemas).Assembly.GetManifestResourceStream("schemas/" + name)
            ?? throw new InvalidOperationException($"schema {name} is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The published schema of <c>release --json</c> and the MCP release tool's structured content.</summary>
    public const string ResultSchema = "release-result.v1.json";

    private static readonly Lazy<JsonSchema> Result = new(() => Load(ResultSchema));

    /// <summary>The published schema of <c>shipgate freeze status --json</c>.</summary>
    public const string FreezeStatusSchema = "freeze-status.v1.json";

    private static readonly Lazy<JsonSchema> FreezeStatus = new(() => Load(FreezeStatusSchema));

    /// <summary>The violations of a freeze status document (empty when valid).</summary>
    public static IReadOnlyList<string> ValidateFreezeStatus(byte[] bytes) => Validate(bytes, FreezeStatus.Value);

    /// <summary>The violations of a plan document (empty when valid).</summary>
    public static IReadOnlyList<string> ValidatePlan(byte[] bytes) => Validate(bytes, Plan.Value);

    /// <summary>The published schema of <c>audit verify --json</c> and the MCP audit_verify tool's structured content.</summary>
    public const string VerifySchema = "audit-verify.v1.json";

    private static readonly Lazy<JsonSchema> Verify = new(() => Load(VerifySchema));

    /// <summary>The violations of an audit verify document (empty when valid).</summary>
    public static IReadOnlyList<string> ValidateVerify(byte[] bytes) => Validate(bytes, Verify.Value);

    /// <summary>The published schema of <c>audit verify --repos/--org --json</c>.</summary>
    public const string VerifyOrgSchema = "audit-verify-org.v1.json";

    private static readonly Lazy<JsonSchema> VerifyOrg = new(() => Load(VerifyOrgSchema));

    /// <summary>The violations of an organisation-wide audit verify document (empty when valid).</summary>
    public static IReadOnlyList<string> ValidateVerifyOrg(byte[] bytes) => Validate(bytes, VerifyOrg.Value);

    /// <summary>The published schema of what every --json command prints when it fails, a command line it cannot parse included.</summary>
    public const string ErrorSchema = "cli-error.v1.json";

    private static readonly Lazy<JsonSchema> Error = new(() => Load(ErrorSchema));

    /// <summary>The violations of a --json error document (empty when valid).</summary>
    public static IReadOnlyList<string> ValidateError(byte[] bytes) => Validate(bytes, Error.Value);

    /// <summary>The published schema of <c>doctor --json</c>.</summary>
    public const string DoctorSchema = "doctor.v1.json";

    private static readonly Lazy<JsonSchema> Doctor = new(() => Load(DoctorSchema));

    /// <summary>The violations of a doctor document (empty when valid).</summary>
    public static IReadOnlyList<string> ValidateDoctor(byte[] bytes) => Validate(bytes, Doctor.Value);

    /// <summary>The published schema of <c>audit report --format json</c>: each release as its record (and review, deployment) holds it.</summary>
    public const string ReportSchema = "audit-report.v1.json";

    /// <summary>The published schema of <c>audit report --repos/--org --format json</c>: each repository's report under <c>report</c>.</summary>
    public const string OrgReportSchema = "audit-report-org.v1.json";

    private static readonly string[] RecordSchemaNames = ["release-record.v1.json", "review-record.v1.json", "deployment-record.v1.json",
        "freeze-record.v1.json"];

    private static readonly Lazy<JsonSchema> Report = new(() => LoadReferring(ReportSchema, RecordSchemaNames));

    private static readonly Lazy<JsonSchema> OrgReport = new(() => LoadReferring(OrgReportSchema, [.. RecordSchemaNames, ReportSchema]));

    /// <summary>A schema that refers to others by their $id: those are built into its registry first.</summary>
    private static JsonSchema LoadReferring(string name, IEnumerable<string> referred)
    {
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        foreach (var other in referred) JsonSchema.FromText(Text(other), options);
        return JsonSchema.FromText(Text(name), options);
    }

    /// <summary>The violations of an evidence report document (empty when valid).</summary>
    public static IReadOnlyList<string> ValidateReport(byte[] bytes) => Validate(bytes, Report.Value);

    /// <summary>The violations of an organisation's evidence report document (empty when valid).</summary>
    public static IReadOnlyList<string> ValidateOrgReport(byte[] bytes) => Validate(bytes, OrgReport.Value);

    /// <summary>The published schema of a PR's compliance archive as Shipgate writes it.</summary>
    public const string PrArchiveSchema = "pr-archive.v1.json";

    private static readonly Lazy<JsonSchema> PrArchive = new(() => Load(PrArchiveSchema));

    /// <summary>The violations of a PR's compliance archive written by Shipgate (empty when valid).</summary>
    public static IReadOnlyList<string> ValidatePrArchive(byte[] bytes) => Validate(bytes, PrArchive.Value);

    /// <summary>The violations of a release result document (empty when valid).</summary>
    public static IReadOnlyList<string> ValidateResult(byte[] bytes) => Validate(bytes, Result.Value);

    /// <summary>The schema violations of a record's bytes (empty when valid), each "location: message".</summary>
    public static IReadOnlyList<string> Validate(byte[] bytes, bool isRelease) => Validate(bytes, isRelease ? Release.Value : Review.Value);

    /// <summary>The schema violations of a chain record's bytes, by the kind its id names (release, review, deployment).</summary>
    public static IReadOnlyList<string> ValidateLink(string id, byte[] bytes) =>
        Validate(bytes, RecordFiles.IsReleaseId(id) ? Release.Value : RecordFiles.IsDeploymentId(id) ? Deployment.Value
            : RecordFiles.IsFreezeId(id) ? Freeze.Value : Review.Value);

    private static IReadOnlyList<string> Validate(byte[] bytes, JsonSchema schema)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException e)
        {
            return [$"not valid JSON: {e.Message}"];
        }
        using (document)
        {
            // A yes or no first, which stops at the first violation and keeps no details: a thousand valid records are checked in
            // a fraction of the time. Only an invalid one is evaluated again for the list of what is wrong.
            if (schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.Flag }).IsValid) return [];
            var results = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
            if (results.IsValid) return [];
            var problems = (results.Details ?? [])
                .Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{(d.InstanceLocation.ToString() is { Length: > 0 } at ? at : "/")}: {e.Value}"))
                .Distinct()
                .ToList();
            return problems.Count > 0 ? problems : ["does not match the schema"];
        }
    }
}
