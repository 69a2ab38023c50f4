using System.Text.Json;
using System.Text.Json.Serialization;

namespace Shipgate.Cli;

/// <summary>schemas/cli-error.v1.json: what a --json command prints when it fails.</summary>
internal sealed record CliErrorJson(CliErrorBody Error);

/// <summary>The exit code the process ends with, and the message people read on standard error (free of secrets).</summary>
internal sealed record CliErrorBody(int ExitCode, string Message);

/// <summary>schemas/doctor.v1.json: <c>doctor --json</c>, every check as the screen shows it, and whether all passed.</summary>
internal sealed record DoctorJson(bool Passed, IReadOnlyList<DoctorCheckJson> Checks);

/// <summary>One check: what was checked, what was found, and what to do when it failed (null when it passed).</summary>
internal sealed record DoctorCheckJson(string Name, bool Passed, string Found, string? Fix);

/// <summary>The command line's own documents, serialized by source generation like the application's (<c>DocumentJson</c>).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(CliErrorJson))]
[JsonSerializable(typeof(DoctorJson))]
internal sealed partial class CliJson : JsonSerializerContext
{
    public static string Doctor(DoctorJson document) => JsonSerializer.Serialize(document, Default.DoctorJson);

    public static string Error(ExitCode code, string message) =>
        JsonSerializer.Serialize(new CliErrorJson(new CliErrorBody((int)code, message)), Default.CliErrorJson);
}
