using System.Diagnostics.CodeAnalysis;

namespace Shipgate.Integrations;

/// <summary>
/// A service the run can use (GitHub, Linear), or the reason it cannot: a release without a code host
/// or a tracker still runs on git facts, and every message and record says why a check was not made.
/// </summary>
internal sealed record Integration<T> where T : class
{
    private Integration(T? service, string? missing) => (Service, Missing) = (service, missing);

    /// <summary>The service, when there is one.</summary>
    public T? Service { get; }

    /// <summary>Why there is no service ("no GitHub token ..."); null when there is one.</summary>
    public string? Missing { get; }

    /// <summary>Where the service is asked, when it is there (the record names it).</summary>
    public IReadOnlyList<ServiceEndpoint> Endpoints { get; private init; } = [];

    public static Integration<T> Available(T service, params IReadOnlyList<ServiceEndpoint> endpoints) =>
        new(service, null) { Endpoints = endpoints };

    public static Integration<T> Unavailable(string why) => new(null, why);

    public bool TryGet([NotNullWhen(true)] out T? service)
    {
        service = Service;
        return service is not null;
    }
}
