using System.Text.Json.Nodes;

namespace Shipgate.Tests.GitHub;

/// <summary>The wrong shapes the tests serve through the emulators' Reshape knob, by name.</summary>
internal static class Malformed
{
    public static Func<JsonNode?, JsonNode?> Change(string name) => name switch
    {
        "no check_runs" => Without("check_runs"),
        "null check_runs" => Nulled("check_runs"),
        "no statuses" => Without("statuses"),
        "object" => _ => new JsonObject { ["message"] = "Moved Permanently", ["documentation_url"] = "https://docs.github.com/rest" },
        "no run status" => body => { body!["workflow_runs"]![0]!.AsObject().Remove("status"); return body; }
        ,
        "no reviews" => body => { body!["data"]!["repository"]!["pr1"]!.AsObject().Remove("reviews"); return body; }
        ,
        "null nodes" => body => { body!["data"]!["issues"]!["nodes"] = null; return body; }
        ,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such wrong shape"),
    };

    private static Func<JsonNode?, JsonNode?> Without(string field) => body => { body!.AsObject().Remove(field); return body; };

    private static Func<JsonNode?, JsonNode?> Nulled(string field) => body => { body![field] = null; return body; };
}
