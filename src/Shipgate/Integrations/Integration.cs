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

    public static Integration<T> Available(T service) => new(service, null);

    public static Integration<T> Unavailable(string why) => new(null, why);

    public bool TryGet([NotNullWhen(true)] out T? service)
    {
        service = Service;
        return service is not null;
    }
}
